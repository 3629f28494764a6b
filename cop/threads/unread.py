"""The member's unread discussions: threads with posts since they last read them.

A thread counts once the member has opened it (its read mark, cop.threads.reading) and a
post came after their mark, in any table they may see; newest activity first. Two
queries a page (the count with the newest post, then the page); marking them all read
is one UPDATE. Adds and flushes; the caller commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, func, select, update

from cop.extensions import db
from cop.models import utcnow
from cop.threads.models import Thread, ThreadRead
from cop.threads.queries import THREADS_PER_PAGE, Page, _visible_threads


def _unread(member: Any, language: str | None = None) -> Select:
    mark = and_(ThreadRead.thread_id == Thread.id, ThreadRead.member_id == member.id)
    query = (
        _visible_threads(member)
        .join(ThreadRead, mark)
        .where(Thread.last_post_id > ThreadRead.last_read_post_id)
    )
    return query.where(Thread.language == language) if language else query


def unread_threads(
    member: Any, number: int, language: str | None = None
) -> tuple[Page[Thread], int]:
    """A page of the member's unread threads (written in `language`, if given), and the
    newest post id among all of them (what "mark all read" may mark: a post written
    after the page was shown stays new)."""
    total, newest = db.session.execute(
        _unread(member, language).with_only_columns(
            func.count(Thread.id), func.max(Thread.last_post_id)
        )
    ).one()
    pages = max(1, -(-(total or 0) // THREADS_PER_PAGE))
    number = min(number, pages)
    threads = list(
        db.session.scalars(
            _unread(member, language)
            .order_by(Thread.last_post_at.desc(), Thread.id.desc())
            .offset((number - 1) * THREADS_PER_PAGE)
            .limit(THREADS_PER_PAGE)
        ).unique()
    )
    return Page(threads, number, THREADS_PER_PAGE, total or 0), newest or 0


def mark_all_read(member: Any, upto: int, language: str | None = None) -> int:
    """Mark read every unread thread (in `language`, if given) whose newest post is not
    after `upto`; how many."""
    unread_ids = (
        _unread(member, language)
        .where(Thread.last_post_id <= upto)
        .with_only_columns(Thread.id)
        .order_by(None)
    )
    newest = select(Thread.last_post_id).where(Thread.id == ThreadRead.thread_id).scalar_subquery()
    result = db.session.execute(
        update(ThreadRead)
        .where(ThreadRead.member_id == member.id, ThreadRead.thread_id.in_(unread_ids))
        .values(last_read_post_id=newest, read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
