"""Whole pages for visitors who are not signed in, cached for a minute at most.

Most readers of a forum are not signed in, and they all see the same page for the
same address, language and content. A view marked @cached_for_visitors is rendered
once per (address, language, time zone, content version) and then served from the
cache (cop.extensions.cache) for PAGE_CACHE_SECONDS. Any change to what visitors
read makes a new content version (cop.contentversion), so a cached page never hides
a change the ORM wrote; the minute bounds what it cannot see ("3 minutes ago", a
download counter).

Signed-in members, requests with a message to flash, and anything but a 200 HTML
answer are never cached. The page is kept with its CSRF slots unfilled
(cop.fragments): each visitor's forms still get their own token.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user

from cop.contentversion import content_version
from cop.extensions import cache
from cop.fragments import fragment_key

PAGE_CACHE_SECONDS = 60
# Session values that change what a visitor's pages show (features add theirs, such as
# cop/translations' reading mode): a visitor who set one is served fresh pages.
PERSONAL_SESSION_KEYS: set[str] = set()


def cached_for_visitors(view: Callable) -> Callable:
    """Mark a GET view whose page is the same for every visitor not signed in."""
    view.cop_cached_for_visitors = True
    return view


def _page_key() -> str | None:
    """The cache key of this request's page, or None when it is not to be cached."""
    if request.method != "GET" or not current_app.config["PAGE_CACHE_SECONDS"]:
        return None
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "cop_cached_for_visitors", False):
        return None
    if current_user.is_authenticated or session.get("_flashes"):
        return None
    if any(key in session for key in PERSONAL_SESSION_KEYS):
        return None
    return fragment_key("page", request.full_path, content_version())


def _serve_cached_page() -> Response | None:
    key = _page_key()
    if key is None:
        return None
    html = cache.get(key)
    if html is None:
        g.cop_page_key = key  # rendered by the view, then kept (_keep_page)
        return None
    return Response(html, mimetype="text/html")


def _keep_page(response: Response) -> Response:
    key = g.pop("cop_page_key", None)
    if (
        key is not None
        and response.status_code == 200
        and response.mimetype == "text/html"
        and not response.direct_passthrough
        and not session.get("_flashes")
    ):
        cache.set(key, response.get_data(as_text=True), timeout=_seconds())
    return response


def _seconds() -> int:
    return current_app.config["PAGE_CACHE_SECONDS"]


def init_app(app: Flask) -> None:
    """After cop.fragments: _keep_page must see the page before its CSRF slots are
    filled, and Flask runs the after_request functions last registered first."""
    app.config.setdefault("PAGE_CACHE_SECONDS", PAGE_CACHE_SECONDS)
    app.before_request(_serve_cached_page)
    app.after_request(_keep_page)
