"""Marking a reply as the answer to a Q&A thread's question, and unmarking it.

The services add and flush, never commit. The mark is a column of the thread
(Thread.answer_post_id), so the thread lists, the home page and search read it without
a join of their own, and the thread's cached pages move with it.
"""

from __future__ import annotations

import logging

from cop import signals
from cop.extensions import db
from cop.members.models import Member
from cop.threads.models import Post, Thread

logger = logging.getLogger(__name__)


def mark_answer(thread: Thread, post: Post, *, actor: Member) -> bool:
    """Mark `post` as the thread's answer (in place of another); False if it was."""
    if post.thread_id != thread.id or post.is_opening:
        raise ValueError("the answer must be a reply of this thread")
    if thread.answer_post_id == post.id:
        return False
    thread.answer_post_id = post.id
    db.session.flush()
    logger.info("post %s marked as the answer of thread %s by %s", post.id, thread.id, actor.id)
    signals.answer_marked.send(post, thread=thread, actor=actor)
    return True


def unmark_answer(thread: Thread, *, actor: Member | None = None) -> bool:
    """The thread has no answer any more; False if it had none."""
    if thread.answer_post_id is None:
        return False
    logger.info(
        "answer %s of thread %s unmarked by %s",
        thread.answer_post_id,
        thread.id,
        actor.id if actor is not None else "the system",
    )
    post_id, thread.answer_post_id = thread.answer_post_id, None
    db.session.flush()
    signals.answer_unmarked.send(thread, post_id=post_id, actor=actor)
    return True


def forget_answer(post: Post) -> bool:
    """A post that is hidden, deleted or rejected is no answer any more."""
    thread = post.thread
    if thread is None or thread.answer_post_id != post.id:
        return False
    return unmark_answer(thread)
