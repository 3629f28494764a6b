"""Keeping threads.first_other_reply_at: when someone other than the thread's author
first wrote a visible reply (not deleted, hidden or pending), None while it waits.

A new visible reply by another member sets it at once (no query); every other change of
a reply's visibility or of a thread's posts (deletion, hiding, approval, a merge or a
split) recomputes it in one query. They add and flush, the caller commits.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from cop.extensions import db
from cop.threads.models import Post, Thread


def _first_other_reply(thread_id, author_id):
    return select(func.min(Post.created_at)).where(
        Post.thread_id == thread_id,
        Post.position > 1,
        Post.is_deleted.is_(False),
        Post.is_hidden.is_(False),
        Post.is_pending.is_(False),
        Post.author_id.is_distinct_from(author_id),
    )


def first_other_reply_at(thread: Thread):
    """When the first visible reply by someone other than the author was written."""
    return db.session.scalar(_first_other_reply(thread.id, thread.author_id))


def refresh_all_waiting() -> None:
    """Recompute every thread's column in one UPDATE: after posts changed in bulk,
    without signals (the demo approving its seeded posts at once)."""
    db.session.flush()
    first = _first_other_reply(Thread.id, Thread.author_id).scalar_subquery()
    db.session.execute(
        update(Thread)
        .values(first_other_reply_at=first)
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()


def refresh_waiting(thread: Thread) -> None:
    """Recompute the thread's first reply by another member from its posts."""
    db.session.flush()
    found = first_other_reply_at(thread)
    if found != thread.first_other_reply_at:
        thread.first_other_reply_at = found
        db.session.flush()


def note_reply(post: Post) -> None:
    """A new reply: visible and by someone else, it answers the thread (if first)."""
    thread = post.thread
    if post.is_pending or post.is_hidden or post.is_deleted or post.is_opening:
        return
    if post.author_id is not None and post.author_id == thread.author_id:
        return
    if thread.author_id is None and post.author_id is None:
        return
    if thread.first_other_reply_at is None or post.created_at < thread.first_other_reply_at:
        thread.first_other_reply_at = post.created_at
        db.session.flush()
