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
content version (cop.contentversion) and the minute, plus what is the reader's own
(unread marks): region_key(). The view hands it its data as Deferred, so on a hit
the rows are never even loaded.

Forms inside cached fragments must not carry one reader's CSRF token to another:
the `csrf_token()` template function writes CSRF_SLOT, and every HTML response gets
the reader's token in place of the slot as it leaves (_fill_csrf_slots).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import cached_property
from typing import Any

from flask import Flask, Response, request
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from cop.contentversion import content_version
from cop.extensions import cache

# Relative times are part of the keys, so an entry lives at most as long as its
# "3 minutes ago" stays true; the day is a ceiling for the rest.
FRAGMENT_TIMEOUT = 24 * 60 * 60
CSRF_SLOT = "csrf-slot-c0p"
# A region's key changes with the minute: it outlives it only until it ages out.
REGION_TIMEOUT = 2 * 60


def fragment_key(kind: str, *parts: Any) -> str:
    """A cache key for a fragment showing `parts`, in the reader's language and zone."""
    text = "\x1f".join(str(part) for part in (get_locale(), get_timezone(), *parts))
    return f"{kind}:{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}"


def region_key(kind: str, *parts: Any) -> str:
    """A key for a region of many objects: whatever changed (content version) and the
    minute (its relative times), in the reader's language and zone."""
    return fragment_key(kind, content_version(), int(time.time() // 60), *parts)


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
        bool(member and member.is_moderator),
        unread,
    )


def site_footer_key() -> str:
    """The footer's language switcher, which comes back to this page."""
    return fragment_key("site-footer", request.full_path if request.query_string else request.path)


def _csrf_slot() -> str:
    return CSRF_SLOT


def _fill_csrf_slots(response: Response) -> Response:
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    html = response.get_data(as_text=True)
    if CSRF_SLOT in html:
        response.set_data(html.replace(CSRF_SLOT, generate_csrf()))
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
    app.after_request(_fill_csrf_slots)
