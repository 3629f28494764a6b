"""Moving, merging and splitting threads: posts change thread, nothing is destroyed.

Each operation stores in its audit event what is needed to reverse it: the posts'
original thread and positions. `undo_event` puts them back.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from cop import signals
from cop.extensions import db
from cop.members.models import Member
from cop.moderation.audit import record_event
from cop.moderation.models import ModerationEvent
from cop.threads.models import Category, Post, Thread
from cop.threads.services import refresh_last_post

logger = logging.getLogger(__name__)


class ThreadOperationError(Exception):
    """The operation makes no sense (merging a thread into itself, nothing selected...)."""


def recount_thread(thread: Thread) -> None:
    db.session.flush()
    posts = select(func.count(Post.id)).where(
        Post.thread_id == thread.id, Post.is_deleted.is_(False), Post.position > 1
    )
    thread.reply_count = db.session.scalar(posts) or 0
    thread.post_total = (
        db.session.scalar(select(func.max(Post.position)).where(Post.thread_id == thread.id)) or 0
    )
    refresh_last_post(thread)


def recount_category(category: Category) -> None:
    db.session.flush()
    live = (Thread.category_id == category.id) & Thread.merged_into_id.is_(None)
    category.thread_count = db.session.scalar(select(func.count(Thread.id)).where(live)) or 0
    category.post_count = (
        db.session.scalar(
            select(func.count(Post.id)).join(Thread).where(live, Post.is_deleted.is_(False))
        )
        or 0
    )
    category.last_post_at = db.session.scalar(select(func.max(Thread.last_post_at)).where(live))
    db.session.flush()


def _recount(threads: list[Thread]) -> None:
    for thread in threads:
        recount_thread(thread)
    for category in {t.category for t in threads}:
        recount_category(category)


def move_thread(thread: Thread, *, moderator: Member, category: Category, reason: str) -> bool:
    if thread.category_id == category.id:
        return False
    source = thread.category
    thread.category = category
    db.session.flush()
    recount_category(source)
    recount_category(category)
    record_event(
        "move_thread",
        thread,
        actor=moderator,
        reason=reason,
        data={"from_category": source.id, "to_category": category.id},
    )
    signals.thread_changed.send(thread)
    return True


def _move_posts(moves: list[tuple[Post, int, int]]) -> None:
    """(post, thread id, position): set all, without a moment of duplicate positions."""
    for post, _thread_id, _position in moves:
        post.position = -post.id  # free every target position first
    db.session.flush()
    for post, thread_id, position in moves:
        post.thread_id = thread_id
        post.position = position
    db.session.flush()
    for post, _t, _p in moves:
        db.session.expire(post, ["thread"])


def merge_thread(source: Thread, *, into: Thread, moderator: Member | None, reason: str) -> bool:
    """The source's posts join the target after its own (in time order); the source
    stays as a hidden trace pointing to the target."""
    if source.id == into.id or source.merged_into_id is not None:
        raise ThreadOperationError("merge")
    posts = list(
        db.session.scalars(
            select(Post).where(Post.thread_id == source.id).order_by(Post.created_at, Post.id)
        )
    )
    start = into.post_total or 0
    original = [[p.id, source.id, p.position] for p in posts]
    _move_posts([(p, into.id, start + i + 1) for i, p in enumerate(posts)])
    source.merged_into_id = into.id
    source.is_hidden = True
    _recount([source, into])
    record_event(
        "merge_thread",
        source,
        actor=moderator,
        reason=reason,
        data={"into": into.id, "posts": original, "was_hidden": False},
    )
    signals.thread_changed.send(source)
    signals.thread_changed.send(into)
    return True


# Longer threads are merged by a background job (cop.jobs): moving every post takes
# about a second per thousand posts, too long to hold a web worker.
MERGE_IN_REQUEST_POSTS = 500


def request_merge(source: Thread, *, into: Thread, moderator: Member, reason: str) -> bool:
    """Merge now (True) or, for a long thread, lock it and leave the merge to the cron
    command (False): nobody can reply to it meanwhile. Never commits."""
    from flask import current_app

    from cop.jobs import runner

    if source.id == into.id or source.merged_into_id is not None:
        raise ThreadOperationError("merge")
    limit = current_app.config.get("MODERATION_MERGE_IN_REQUEST_POSTS", MERGE_IN_REQUEST_POSTS)
    if (source.post_total or 0) <= limit:
        return merge_thread(source, into=into, moderator=moderator, reason=reason)
    payload = {"source": source.id, "into": into.id, "reason": reason,
               "was_locked": source.is_locked}  # fmt: skip
    job, new = runner.enqueue("merge_thread", moderator, payload, key=f"merge_thread:{source.id}")
    if new:
        source.is_locked = True
        logger.info("thread %s: merge into %s left to job %s", source.id, into.id, job.id)
    return False


def merge_thread_job(job) -> None:
    """The background half of request_merge; nothing is merged if either thread went."""
    from cop.jobs import runner

    data = job.payload
    source, into = db.session.get(Thread, data["source"]), db.session.get(Thread, data["into"])
    moderator = db.session.get(Member, job.member_id) if job.member_id else None
    if source is not None:
        source.is_locked = bool(data.get("was_locked"))
        if into is not None and into.merged_into_id is None and source.merged_into_id is None:
            merge_thread(source, into=into, moderator=moderator, reason=data.get("reason", ""))
    runner.finish(job)


def split_thread(
    source: Thread, *, posts: list[Post], title: str, moderator: Member, reason: str
) -> Thread:
    """Selected replies become a new thread in the same table (the first one opens it)."""
    chosen = sorted(
        (p for p in posts if p.thread_id == source.id and p.position > 1),
        key=lambda p: (p.created_at, p.id),
    )
    if not chosen:
        raise ThreadOperationError("split")
    first = chosen[0]
    thread = Thread(
        category=source.category,
        author_id=first.author_id,
        title=title.strip(),
        language=first.language,
        created_at=first.created_at,
        last_post_at=first.created_at,
        post_total=0,
        reply_count=0,
    )
    db.session.add(thread)
    db.session.flush()
    original = [[p.id, source.id, p.position] for p in chosen]
    _move_posts([(p, thread.id, i + 1) for i, p in enumerate(chosen)])
    _recount([source, thread])
    record_event(
        "split_thread",
        source,
        actor=moderator,
        reason=reason,
        data={"new_thread": thread.id, "posts": original},
    )
    signals.thread_changed.send(source)
    signals.thread_changed.send(thread)
    return thread


def undo_event(event: ModerationEvent, *, moderator: Member, reason: str = "") -> bool:
    """Reverse a merge or a split from what its audit event stored."""
    if event.data.get("undone_by"):
        return False
    if event.action == "merge_thread":
        source = db.session.get(Thread, event.target_id)
        into = db.session.get(Thread, event.data["into"])
        if source is None or into is None:
            return False
        _restore_posts(event.data["posts"])
        source.merged_into_id = None
        source.is_hidden = bool(event.data.get("was_hidden"))
        _recount([source, into])
        action, target = "unmerge_thread", source
    elif event.action == "split_thread":
        source = db.session.get(Thread, event.target_id)
        new = db.session.get(Thread, event.data["new_thread"])
        if source is None or new is None:
            return False
        _restore_posts(event.data["posts"])
        new.merged_into_id = source.id  # an empty trace pointing back
        new.is_hidden = True
        _recount([source, new])
        action, target = "unsplit_thread", source
    elif event.action == "move_thread":
        thread = db.session.get(Thread, event.target_id)
        back = db.session.get(Category, event.data["from_category"])
        if thread is None or back is None:
            return False
        return _undo_move(event, thread, back, moderator, reason)
    else:
        return False
    undo = record_event(action, target, actor=moderator, reason=reason, data={"undoes": event.id})
    event.data = {**event.data, "undone_by": undo.id}
    signals.thread_changed.send(target)
    return True


def _undo_move(event, thread, back, moderator, reason) -> bool:
    move_thread(thread, moderator=moderator, category=back, reason=reason)
    event.data = {**event.data, "undone_by": -1}
    return True


def _restore_posts(rows: list[list[int]]) -> None:
    by_id = {
        p.id: p for p in db.session.scalars(select(Post).where(Post.id.in_([r[0] for r in rows])))
    }
    _move_posts([(by_id[pid], tid, pos) for pid, tid, pos in rows if pid in by_id])
