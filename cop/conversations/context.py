"""What other pages show of conversations, per reader and never from a cache.

- `conversations_unread`: the header's count of conversations with unread messages,
  one of the header's counts (cop.headercounts: one query with the notifications').
- `blocked_authors`: on a thread page, the authors whose posts this signed-in reader
  chose not to read (their blocks). The header's counts say how many there are, so a
  reader who hides nobody (nearly everyone) costs no query for it. The thread template
  leaves the cached posts region aside when the page holds one of them, so no reader's
  blocks reach a shared entry; visitors (whose pages are cached) get an empty set.

Both are put in a page's context before it renders (Flask's before_render_template,
pages only: emails and partials have no header).
"""

from __future__ import annotations

from flask import Flask, before_render_template, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import func, select

from cop import headercounts
from cop.conversations import blocks, queries
from cop.conversations.models import MemberBlock

NO_AUTHORS: frozenset[int] = frozenset()


def unread_conversations() -> int | None:
    """Conversations with unread messages for the signed-in reader (None: a visitor)."""
    return headercounts.header_count("conversations")


def hiding_count_query(member):
    """How many members' posts `member` chose not to read (a header count)."""
    return select(func.count()).where(
        MemberBlock.member_id == member.id, MemberBlock.hide_posts.is_(True)
    )


def _blocked_authors() -> frozenset[int]:
    if not has_request_context() or request.endpoint != "threads.show":
        return NO_AUTHORS
    if not current_user.is_authenticated or not headercounts.header_count("hidden_authors"):
        return NO_AUTHORS
    if "cop_blocked_authors" not in g:
        g.cop_blocked_authors = blocks.hidden_authors(current_user)
    return g.cop_blocked_authors


def blocked_on_page(items, hidden: frozenset[int]) -> frozenset[int]:
    """The hidden authors among a page's (post id, author id) pairs."""
    if not hidden:
        return NO_AUTHORS
    return frozenset(author for _post, author in items if author in hidden)


def _add_to_page(_app, template, context: dict, **_) -> None:
    if not headercounts.is_page(template.name):
        return
    context["conversations_unread"] = unread_conversations()
    context["blocked_authors"] = _blocked_authors()


def init_app(app: Flask) -> None:
    app.jinja_env.globals["blocked_on_page"] = blocked_on_page
    headercounts.register_count("conversations", queries.unread_conversations_query)
    headercounts.register_count("hidden_authors", hiding_count_query)
    before_render_template.connect(_add_to_page, app)
