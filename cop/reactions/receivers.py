"""Receivers of cop.signals: an answer that is hidden, deleted or moved away is unmarked,
and reactions follow their posts into another thread (a split or a merge).

They run inside the writer's transaction: they change rows and never commit."""

from __future__ import annotations

from sqlalchemy import select, update

from cop import signals
from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.reactions.answers import forget_answer, unmark_answer
from cop.reactions.models import PostReaction
from cop.threads.models import Post, Thread


def on_post_gone(post, **_) -> None:
    if isinstance(post, Post):
        forget_answer(post)


def on_thread_changed(thread, **_) -> None:
    if not isinstance(thread, Thread):
        return
    _follow_moved_posts(thread)
    if thread.answer_post_id is None:
        return
    answer = db.session.get(Post, thread.answer_post_id)
    if (
        not thread.category.is_qa
        or thread.merged_into_id is not None
        or answer is None
        or answer.thread_id != thread.id
    ):
        unmark_answer(thread)


def _follow_moved_posts(thread: Thread) -> None:
    """Posts moved into `thread` take their reactions along (their thread_id)."""
    moved = db.session.execute(
        update(PostReaction)
        .where(
            PostReaction.post_id.in_(select(Post.id).where(Post.thread_id == thread.id)),
            PostReaction.thread_id != thread.id,
        )
        .values(thread_id=thread.id)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount:
        note_changed(db.session, "threads", thread_scope(thread.id))


RECEIVERS = (
    (signals.post_deleted, on_post_gone),
    (signals.content_hidden, on_post_gone),
    (signals.content_rejected, on_post_gone),
    (signals.thread_changed, on_thread_changed),
)


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
