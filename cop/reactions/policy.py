"""Who may react to a post and who may mark a thread's answer (asked on the server;
the page only mirrors the answers)."""

from __future__ import annotations

from typing import Any

from cop import permissions
from cop.threads.models import Post, Thread


def is_live(post: Post) -> bool:
    """Shown to every member: not hidden, deleted or awaiting approval, in a thread that
    is not either."""
    thread = post.thread
    return not (
        post.is_hidden
        or post.is_deleted
        or post.is_pending
        or thread.is_hidden
        or thread.is_pending
        or thread.merged_into_id is not None
    )


def may_react(member: Any) -> bool:
    """Members who may write (not suspended or banned); the post is asked separately."""
    return permissions.can_write(member)


def can_react(member: Any, post: Post) -> bool:
    """Members who may write react to others' live posts (as Discourse's likes: never
    one's own post)."""
    if not may_react(member) or not is_live(post):
        return False
    return post.author_id is None or post.author_id != member.id


def can_mark_answer(member: Any, thread: Thread) -> bool:
    """In a Q&A table, the thread's author or a moderator, while they may write."""
    if not thread.category.is_qa or not permissions.can_write(member):
        return False
    if thread.is_hidden or thread.is_pending or thread.merged_into_id is not None:
        return permissions.can_moderate(member)
    if permissions.can_moderate(member):
        return True
    return thread.author_id is not None and thread.author_id == member.id


def can_be_answer(post: Post, thread: Thread) -> bool:
    """A live reply of this thread (the question itself is no answer)."""
    return post.thread_id == thread.id and not post.is_opening and is_live(post)
