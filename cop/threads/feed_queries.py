"""The selects behind the Atom feeds of cop/threads/feeds.py: only what anyone may read."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from cop.extensions import db
from cop.threads.models import Category, Post, Thread


def feed_threads(category: Category | None, limit: int = 30) -> list[tuple[Thread, Post]]:
    """The newest visible threads with their opening posts."""
    query = (
        select(Thread, Post)
        .join(Post, (Post.thread_id == Thread.id) & (Post.position == 1))
        .where(
            Thread.is_hidden.is_(False),
            Thread.is_pending.is_(False),
            Thread.merged_into_id.is_(None),
            Post.is_deleted.is_(False),
            Post.is_hidden.is_(False),
        )
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    if category is not None:
        query = query.where(Thread.category_id == category.id)
    return [(thread, post) for thread, post in db.session.execute(query).unique().all()]


def feed_posts(thread: Thread, limit: int = 30) -> list[Post]:
    query = (
        select(Post)
        .options(joinedload(Post.author))
        .where(
            Post.thread_id == thread.id,
            Post.is_deleted.is_(False),
            Post.is_hidden.is_(False),
            Post.is_pending.is_(False),
        )
        .order_by(Post.position.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
