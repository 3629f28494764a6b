"""The bookmark buttons of a page, filled per reader as the page leaves.

A post is a cached fragment shared by every reader, and a thread page a region of them;
whether *this* reader bookmarked a post must never land in one. So the templates of the
lower packages write a slot, `{{ bookmark_slot("post", post.id) }}` (an HTML comment
with a secret, as the CSRF slots of cop.fragments), and this hook puts in each slot the
reader's button, with one query for the whole page: "Bookmark", or "Bookmarked" with
"Remove". Visitors get nothing in the slots, before a visitors' page is kept
(cop.pagecache), so no cached page or fragment ever holds anyone's bookmarks.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import Flask, Response, current_app, get_template_attribute, request
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import inspect

from cop.bookmarks.services import KINDS, bookmarked_among

SLOT_KEY = "cop.bookmark_slot"
# Stand-ins rendered into the shared "Bookmark" button, then replaced per slot.
_KIND_MARK = "cop-bookmark-kind"
_ID_MARK = 918273645546372819


def _slot_name(app: Flask) -> str:
    secret = str(app.config["SECRET_KEY"]).encode()
    build = app.extensions.get("cop.build_digest", "")
    mac = hmac.new(secret, b"cop bookmark slot\0" + build.encode(), hashlib.sha256)
    return f"cop-bookmark-{mac.hexdigest()[:24]}"


def bookmark_slot(kind: str, target_id: int) -> Markup:
    """The slot of the reader's bookmark button for one thing (templates call it)."""
    return Markup("<!--%s:%s:%d-->") % (current_app.extensions[SLOT_KEY], kind, int(target_id))


def _pattern(name: str) -> re.Pattern:
    return re.compile(f"<!--{re.escape(name)}:({'|'.join(KINDS)}):([0-9]+)-->")


def _here() -> str:
    return request.full_path if request.query_string else request.path


def _reader_id() -> int:
    """The reader's id without loading them again: a view that committed has expired
    the member's attributes, but not the identity the session knows them by."""
    reader = current_user._get_current_object()
    identity = inspect(reader).identity
    return identity[0] if identity else reader.id


def fill_slots(response: Response) -> Response:
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    name = current_app.extensions[SLOT_KEY]
    html = response.get_data(as_text=True)
    if name not in html:
        return response
    pattern = _pattern(name)
    if not current_user.is_authenticated:
        response.set_data(pattern.sub("", html))
        return response
    pairs = {(kind, int(number)) for kind, number in pattern.findall(html)}
    marks = bookmarked_among(_reader_id(), pairs)
    button = get_template_attribute("bookmarks/_button.html", "bookmark_button")
    here = _here()
    # A page has a button per post: the "Bookmark" one is rendered once, its kind and
    # id put in after (digits and a kind name need no escaping); only the reader's few
    # bookmarked ones are rendered each.
    blank = str(button(_KIND_MARK, _ID_MARK, None, here))

    def fill(match: re.Match) -> str:
        kind, target_id = match.group(1), int(match.group(2))
        bookmark_id = marks.get((kind, target_id))
        if bookmark_id:
            return str(button(kind, target_id, bookmark_id, here))
        return blank.replace(_KIND_MARK, kind).replace(str(_ID_MARK), str(target_id))

    response.set_data(pattern.sub(fill, html))
    return response


def init_app(app: Flask) -> None:
    """After cop.fragments (the build digest) and before the pages are kept or their CSRF
    slots filled: hooks registered later run first."""
    app.extensions[SLOT_KEY] = _slot_name(app)
    app.jinja_env.globals["bookmark_slot"] = bookmark_slot
    app.after_request(fill_slots)
