"""Receivers of cop.signals: an answer that is hidden, deleted or moved away is unmarked.

They run inside the writer's transaction: they change rows and never commit."""

from __future__ import annotations

from cop import signals
from cop.reactions.answers import forget_answer, unmark_answer
from cop.threads.models import Post, Thread


def on_post_gone(post, **_) -> None:
    if isinstance(post, Post):
        forget_answer(post)


def on_thread_changed(thread, **_) -> None:
    """Moved to a table that is not Q&A, merged, or its answer split away."""
    if not isinstance(thread, Thread) or thread.answer_post_id is None:
        return
    from cop.extensions import db

    answer = db.session.get(Post, thread.answer_post_id)
    if (
        not thread.category.is_qa
        or thread.merged_into_id is not None
        or answer is None
        or answer.thread_id != thread.id
    ):
        unmark_answer(thread)


RECEIVERS = (
    (signals.post_deleted, on_post_gone),
    (signals.content_hidden, on_post_gone),
    (signals.content_rejected, on_post_gone),
    (signals.thread_changed, on_thread_changed),
)


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
