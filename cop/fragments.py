"""Rendered fragments of pages (a post, a row of a list), cached under content keys.

A fragment's key is a digest of everything the fragment shows: the object's columns
that appear in it, the reader's language and time zone, the relative times as the
reader would read them ("3 minutes ago") and the actions offered to this reader. A
change to any of them makes a new key, so nothing is ever invalidated: stale entries
are simply never asked for again and age out of the cache.

Templates wrap a fragment in Flask-Caching's tag, with a key from a feature's own
function (see cop/threads/fragments.py):

    {% cache FRAGMENT_TIMEOUT, view.cache_key %} ... {% endcache %}

A region showing many objects (a page of thread rows) is keyed instead by the
versions of the content it shows (cop.contentversion: the whole site's by default, or
scopes such as one thread and the member list) and the minute, plus what is the
reader's own (unread marks): region_key(). The view hands it its data as Deferred, so on a hit
the rows are never even loaded.

Every key also holds the build digest (cop.builddigest): a deploy that changes the
code, a template or a catalog starts from new keys, even in a cache shared by Redis.

Forms inside cached fragments must not carry one reader's CSRF token to another:
the `csrf_token()` template function writes a slot, and every HTML response gets the
reader's token in place of the slot as it leaves (_fill_csrf_slots). User content must
never be able to ask for that substitution (it would put a reader's token in a link),
so the slot is a secret (an HMAC of the secret key and the build: the same in every
worker sharing a cache) and only the exact hidden input the templates write is
filled, `name="csrf_token" value="SLOT"`, whose quotes no escaped user text contains.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from functools import cached_property
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from cop.builddigest import app_build_digest
from cop.contentversion import SITE, version_of
from cop.csrfmask import mask_tokens
from cop.extensions import cache
from cop.permissions import can_moderate

# Relative times are part of the keys, so an entry lives at most as long as its
# "3 minutes ago" stays true; the day is a ceiling for the rest.
FRAGMENT_TIMEOUT = 24 * 60 * 60
# A region's key changes with the minute: it outlives it only until it ages out.
REGION_TIMEOUT = 2 * 60


def fragment_key(kind: str, *parts: Any) -> str:
    """A cache key for a fragment showing `parts`, in the reader's language and zone."""
    build = current_app.extensions["cop.build_digest"]
    text = "\x1f".join(str(part) for part in (build, get_locale(), get_timezone(), *parts))
    return f"{kind}:{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}"


def region_key(kind: str, *parts: Any, scopes: tuple[str, ...] = (SITE,)) -> str:
    """A key for a region of many objects: the versions of the `scopes` of content it
    shows (cop.contentscopes; by default the whole site) and the minute (its relative
    times), in the reader's language and zone."""
    return fragment_key(kind, version_of(*scopes), minute(), *parts)


def minute() -> int:
    return int(time.time() // 60)


class Deferred:
    """A region's data, loaded only if the region is rendered (a cache miss)."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load

    @cached_property
    def value(self) -> Any:
        return self._load()


def member_parts(member: Any) -> tuple:
    """What a fragment shows of a member: avatar, name and profile link."""
    if member is None:
        return ("former member",)
    return (member.id, member.handle, member.display_name, member.avatar_version)


def site_header_key(unread: int | None) -> str:
    """The header: the section we are in, the search words, the member's menu."""
    member = current_user if current_user.is_authenticated else None
    return fragment_key(
        "site-header",
        request.endpoint,
        request.args.get("q", "") if request.endpoint == "search.index" else "",
        *member_parts(member),
        can_moderate(member),  # the Moderation link: staff who may still write
        unread,
    )


def site_footer_key() -> str:
    """The footer's language switcher, which comes back to this page."""
    return fragment_key("site-footer", request.full_path if request.query_string else request.path)


def csrf_slot(app: Flask, build: str) -> str:
    """The placeholder of the reader's CSRF token: unguessable without the secret key."""
    secret = str(app.config["SECRET_KEY"]).encode()
    mac = hmac.new(secret, b"cop csrf slot\0" + build.encode(), hashlib.sha256)
    return f"csrf-slot-{mac.hexdigest()[:32]}"


def csrf_input(slot: str) -> str:
    """The only markup that is filled: the hidden input as the templates write it."""
    return f'name="csrf_token" value="{slot}"'


def _read_versions_first() -> None:
    """A cacheable page reads the content's versions before any of its content, so a
    region is never kept under a version newer than what it shows (one query)."""
    view = current_app.view_functions.get(request.endpoint)
    if request.method == "GET" and getattr(view, "cop_cached_for_visitors", False):
        version_of(SITE)


def _csrf_slot() -> str:
    return current_app.extensions["cop.csrf_slot"]


def _fill_csrf_slots(response: Response) -> Response:
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    html = response.get_data(as_text=True)
    slot = csrf_input(_csrf_slot())
    filled = html
    if slot in html:
        filled = html.replace(slot, f'name="csrf_token" value="{generate_csrf()}"')
    # The token as rendered (slots, and WTForms' own fields): every copy masked (BREACH).
    token = g.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if token:
        filled = mask_tokens(filled, token)
    if filled != html:
        response.set_data(filled)
    return response


def configure_cache(app: Flask) -> None:
    """One cache per process by default; Redis shared by every worker when configured."""
    if app.config.get("REDIS_URL") and "CACHE_TYPE" not in app.config:
        app.config["CACHE_TYPE"] = "RedisCache"
        app.config.setdefault("CACHE_REDIS_URL", app.config["REDIS_URL"])
        app.config.setdefault("CACHE_KEY_PREFIX", "cop:")
    app.config.setdefault("CACHE_TYPE", "SimpleCache")
    # A thread page holds 20 posts: room for a few hundred pages per worker.
    app.config.setdefault("CACHE_THRESHOLD", 5000)
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", FRAGMENT_TIMEOUT)


def init_app(app: Flask) -> None:
    build = app_build_digest(app)
    app.extensions["cop.build_digest"] = build
    app.extensions["cop.csrf_slot"] = csrf_slot(app, build)
    configure_cache(app)
    cache.init_app(app)  # also adds the {% cache %} tag to Jinja
    # Flask-WTF offers csrf_token() both ways; ours, registered later, wins in both.
    app.jinja_env.globals["csrf_token"] = _csrf_slot
    app.context_processor(lambda: {"csrf_token": _csrf_slot})
    app.jinja_env.globals["FRAGMENT_TIMEOUT"] = FRAGMENT_TIMEOUT
    app.jinja_env.globals["REGION_TIMEOUT"] = REGION_TIMEOUT
    app.jinja_env.globals["region_key"] = region_key
    app.jinja_env.globals["fragment_key"] = fragment_key
    app.jinja_env.globals["site_header_key"] = site_header_key
    app.jinja_env.globals["site_footer_key"] = site_footer_key
    app.before_request(_read_versions_first)
    app.after_request(_fill_csrf_slots)
