"""A member's activity on their profile: threads, replies and resources, each paginated.

Each list is its own small function; a feature that is not installed yields no list.
Every list runs two queries (count and page), whatever the number of rows.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from sqlalchemy import func, select

from cop.extensions import db
from cop.members.models import Member

PER_PAGE = 10


@dataclass
class ActivityPage:
    kind: str  # "threads", "replies" or "resources"
    items: list
    total: int
    page: int
    pages: int


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _paginate(kind: str, count_query, page_query, page: int) -> ActivityPage:
    total = db.session.scalar(count_query) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, page), pages)
    # Rows of (id, title, created_at): a list of links needs no whole objects.
    items = db.session.execute(page_query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return ActivityPage(kind, items, total, page, pages)


def threads_of(member: Member, page: int) -> ActivityPage | None:
    if not _installed("cop.threads.models"):
        return None
    from cop.threads.models import Thread

    visible = (
        Thread.author_id == member.id,
        Thread.is_hidden.is_(False),
        Thread.is_pending.is_(False),
    )
    return _paginate(
        "threads",
        select(func.count(Thread.id)).where(*visible),
        select(Thread.id, Thread.title, Thread.created_at)
        .where(*visible)
        .order_by(Thread.created_at.desc(), Thread.id.desc()),
        page,
    )


def replies_of(member: Member, page: int) -> ActivityPage | None:
    if not _installed("cop.threads.models"):
        return None
    from cop.threads.models import Post, Thread

    visible = (
        Post.author_id == member.id,
        Post.position > 1,
        Post.is_deleted.is_(False),
        Post.is_hidden.is_(False),
        Post.is_pending.is_(False),
        Thread.is_hidden.is_(False),
        Thread.is_pending.is_(False),
    )
    return _paginate(
        "replies",
        select(func.count(Post.id)).join(Post.thread).where(*visible),
        select(Post.id, Thread.title, Post.created_at)
        .join(Post.thread)
        .where(*visible)
        .order_by(Post.created_at.desc(), Post.id.desc()),
        page,
    )


def resources_of(member: Member, page: int) -> ActivityPage | None:
    if not _installed("cop.resources.models"):
        return None
    from cop.resources.models import Resource

    visible = (Resource.sharer_id == member.id, Resource.is_removed.is_(False))
    return _paginate(
        "resources",
        select(func.count(Resource.id)).where(*visible),
        select(Resource.id, Resource.title, Resource.created_at)
        .where(*visible)
        .order_by(Resource.created_at.desc(), Resource.id.desc()),
        page,
    )


def activity_of(member: Member, pages: dict[str, int]) -> list[ActivityPage]:
    lists = (
        threads_of(member, pages.get("threads", 1)),
        replies_of(member, pages.get("replies", 1)),
        resources_of(member, pages.get("resources", 1)),
    )
    return [found for found in lists if found is not None]
