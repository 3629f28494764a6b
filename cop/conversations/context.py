"""What other pages show of conversations, per reader and never from a cache.

- `conversations_unread`: the header's count, computed once per request here (the
  template only writes it, outside the cached header fragment: base.html).
- `blocked_authors`: on a thread page, the authors whose posts this signed-in reader
  chose not to read (their blocks). The thread template leaves the cached posts region
  aside when the page holds one of them, so no reader's blocks reach a shared entry;
  visitors (whose pages are cached) always get an empty set.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context, request
from flask_login import current_user

from cop.conversations import blocks, queries

NO_AUTHORS: frozenset[int] = frozenset()


def unread_conversations() -> int | None:
    """Conversations with unread messages for the signed-in reader (None: a visitor)."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    if "cop_unread_conversations" not in g:
        g.cop_unread_conversations = queries.unread_conversations(current_user)
    return g.cop_unread_conversations


def _blocked_authors() -> frozenset[int]:
    if not has_request_context() or request.endpoint != "threads.show":
        return NO_AUTHORS
    if not current_user.is_authenticated:
        return NO_AUTHORS
    if "cop_blocked_authors" not in g:
        g.cop_blocked_authors = blocks.hidden_authors(current_user)
    return g.cop_blocked_authors


def blocked_on_page(items, hidden: frozenset[int]) -> frozenset[int]:
    """The hidden authors among a page's (post id, author id) pairs."""
    if not hidden:
        return NO_AUTHORS
    return frozenset(author for _post, author in items if author in hidden)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["blocked_on_page"] = blocked_on_page
    app.context_processor(_context)


def _context() -> dict:
    return {"conversations_unread": unread_conversations(), "blocked_authors": _blocked_authors()}
