"""Reading the community's pages: /pages/<page_slug> in the reader's language."""

from __future__ import annotations

from flask import abort, render_template, request

from cop import permissions
from cop.i18n import SUPPORTED_LOCALES, interface_language
from cop.pagecache import cached_for_visitors
from cop.pages import bp, queries
from cop.pages.defaults import NAMES, SLUGS


def chosen_language() -> str:
    """?lang= asks for another language's text; the interface language otherwise."""
    asked = request.args.get("lang", "")
    return asked if asked in SUPPORTED_LOCALES else interface_language()


def known_page(slug: str) -> str:
    if slug not in SLUGS:
        abort(404)
    return slug


@bp.get("/")
@cached_for_visitors
def index():
    return render_template("pages/index.html", names=NAMES, slugs=SLUGS)


@bp.get("/<page_slug>")
@cached_for_visitors
def show(page_slug: str):
    text = queries.page_text(known_page(page_slug), chosen_language())
    if text is None:
        abort(404)
    return render_template(
        "pages/show.html",
        text=text,
        names=NAMES,
        asked=chosen_language(),
        languages=SUPPORTED_LOCALES,
        can_edit=permissions.can_administer,
    )
