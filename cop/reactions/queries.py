"""Read-only selects of reactions and answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from cop import permissions
from cop.extensions import db
from cop.members.models import Member
from cop.reactions.models import KINDS, PostReaction
from cop.threads.models import Post, Thread

# Built once: on every signed-in view of a thread page.
_READER_REACTIONS = select(PostReaction.post_id, PostReaction.kind).where(
    PostReaction.member_id == bindparam("member_id"),
    PostReaction.thread_id == bindparam("thread_id"),
)


def reader_reactions(member: Any, thread_id: int) -> frozenset[tuple[int, str]]:
    """The (post id, kind) pairs of a signed-in member's reactions in one thread (one
    indexed query, through the connection: it runs on every view of a thread page)."""
    if not permissions.is_member(member):
        return frozenset()
    rows = db.session.connection().execute(
        _READER_REACTIONS, {"member_id": member.id, "thread_id": thread_id}
    )
    return frozenset((post_id, kind) for post_id, kind in rows)


def counts_for(post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """{post id: {kind: count}} for the posts of a page (one grouped query)."""
    ids = sorted(set(post_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(PostReaction.post_id, PostReaction.kind, func.count(PostReaction.id))
        .where(PostReaction.post_id.in_(ids))
        .group_by(PostReaction.post_id, PostReaction.kind)
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for post_id, kind, count in rows:
        if kind in KINDS:
            found[post_id][kind] = count
    return dict(found)


def reactors(post: Post) -> dict[str, list[Member]]:
    """Who reacted to a post, by kind, earliest first (the "who reacted" page)."""
    rows = db.session.scalars(
        select(PostReaction)
        .options(joinedload(PostReaction.member))
        .where(PostReaction.post_id == post.id)
        .order_by(PostReaction.created_at, PostReaction.id)
    )
    found: dict[str, list[Member]] = {kind: [] for kind in KINDS}
    for row in rows:
        if row.kind in found:
            found[row.kind].append(row.member)
    return found


def answer_of(thread: Thread) -> Post | None:
    """The thread's marked answer if every reader may see it, with its author."""
    if thread.answer_post_id is None:
        return None
    post = db.session.scalar(
        select(Post)
        .options(joinedload(Post.author))
        .where(
            Post.id == thread.answer_post_id,
            Post.thread_id == thread.id,
            Post.is_hidden.is_(False),
            Post.is_deleted.is_(False),
            Post.is_pending.is_(False),
        )
    )
    return post


def member_reactions(member_id: int):
    """A member's reactions with their post's thread title, oldest first (the export)."""
    return db.session.execute(
        select(PostReaction.post_id, PostReaction.kind, PostReaction.created_at, Thread.title)
        .join(Thread, Thread.id == PostReaction.thread_id)
        .where(PostReaction.member_id == member_id)
        .order_by(PostReaction.created_at, PostReaction.id)
    )
