"""The web app manifest, in the reader's language, and the favicon.

Phones install the forum from the manifest (name, icons, theme colour, start page).
Its address carries a fingerprint of its content (`v`), like every static file
(cop.templating.asset_url): browsers keep it for a year and fetch a new one when
a translation or an icon changes.
"""

from __future__ import annotations

import hashlib
import json

from flask import Response, abort, current_app, redirect, request, url_for
from flask_babel import force_locale, gettext

from cop import cachepolicy
from cop.i18n import is_supported, text_direction
from cop.templating import asset_url
from cop.webapp import bp

THEME_COLOUR = "#0b5e7e"  # --accent in cop.css


def manifest(locale: str) -> dict:
    """The manifest's fields, in `locale`."""
    with force_locale(locale):
        return {
            "id": url_for("main.home"),
            "name": gettext("Community of Practice"),
            # TRANSLATORS: the short name under the app's icon on a phone (about 12 letters).
            "short_name": gettext("CoP"),
            "description": gettext(
                "A meeting place for practitioners of co-produced social policy around the Mediterranean."
            ),
            "lang": locale,
            "dir": text_direction(locale),
            "start_url": url_for("main.home"),
            "scope": url_for("main.home"),
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": "#ffffff",
            "icons": [
                {"src": asset_url("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
                {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": asset_url("icons/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }


def _manifest_json(locale: str) -> str:
    return json.dumps(manifest(locale), ensure_ascii=False, separators=(",", ":"))


def _fingerprint(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:12]


def manifest_url(locale: str) -> str:
    """The manifest's address for `locale`, with its content's fingerprint (worked
    out once per process and language: every page's head links it)."""
    # Kept on the app itself: an id() of an app can be reused by the next one built.
    urls = current_app.extensions.setdefault("cop.manifest_urls", {})
    key = (request.script_root, locale)
    if key not in urls:
        digest = _fingerprint(_manifest_json(locale))
        urls[key] = url_for("webapp.manifest_file", locale=locale, v=digest)
    return urls[key]


@bp.get("/manifest/<locale>.webmanifest")
def manifest_file(locale: str):
    if not is_supported(locale):
        abort(404)
    body = _manifest_json(locale)
    response = Response(body, mimetype="application/manifest+json")
    if request.args.get("v") == _fingerprint(body):
        return cachepolicy.versioned(response)
    # An old or missing fingerprint: the current manifest, checked again each time.
    return cachepolicy.public_revalidated(response)


@bp.get("/favicon.ico")
def favicon():
    """Browsers and crawlers ask for it without reading the page's <link rel="icon">."""
    return redirect(asset_url("icons/icon-192.png"), code=301)
