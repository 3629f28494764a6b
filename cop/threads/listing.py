"""A table's or the forum's list of threads: the filters a reader chose, a page of
threads, and the same page as (id, last post id) marks, its statements built once a
process per shape of list (cop/threads/views.py asks on every view)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func

from cop.extensions import db
from cop.permissions import is_member
from cop.threads.models import Category, Thread
from cop.threads.queries import (
    THREADS_PER_PAGE,
    Page,
    ThreadMark,
    pairs,
    seen_threads,
    sight_of,
)


@dataclass(frozen=True)
class ThreadFilter:
    category: Category | None = None
    sort: str = "activity"
    unanswered: bool = False
    language: str | None = None


def _ordered(query: Select, sort: str, in_category: bool) -> Select:
    order = []
    if in_category and sort == "activity":
        order.append(Thread.is_pinned.desc())
    if sort == "newest":
        order.append(Thread.created_at.desc())
    elif sort == "replies":
        order += [Thread.reply_count.desc(), Thread.last_post_at.desc()]
    else:
        order.append(Thread.last_post_at.desc())
    return query.order_by(*order, Thread.id.desc())


@functools.cache
def _list_statement(sight: str, in_category: bool, unanswered: bool, by_language: bool) -> Select:
    """The threads of a list of this shape, its values as parameters (member_id,
    category_id, language), built once a process: a table's page asks on every view,
    and building a select costs more than running it."""
    query = seen_threads(sight, bindparam("member_id"))
    if in_category:
        query = query.where(Thread.category_id == bindparam("category_id"))
    if unanswered:
        query = query.where(Thread.reply_count == 0)
    if by_language:
        query = query.where(Thread.language == bindparam("language"))
    return query


@functools.cache
def _marks_page_statement(
    sight: str, sort: str, in_category: bool, unanswered: bool, by_language: bool
) -> Select:
    listed = _list_statement(sight, in_category, unanswered, by_language)
    return (
        _ordered(listed, sort, in_category)
        .with_only_columns(Thread.id, Thread.last_post_id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )


def _list_shape(member: Any, filters: ThreadFilter) -> tuple[str, bool, bool, bool]:
    in_category = filters.category is not None
    return sight_of(member), in_category, filters.unanswered, bool(filters.language)


def _list_values(member: Any, filters: ThreadFilter, page: int) -> dict:
    return {
        "member_id": member.id if is_member(member) else None,
        "category_id": filters.category.id if filters.category is not None else None,
        "language": filters.language,
        "offset": (page - 1) * THREADS_PER_PAGE,
        "limit": THREADS_PER_PAGE,
    }


def list_threads(member: Any, filters: ThreadFilter, page: int = 1) -> Page[Thread]:
    """One page of threads, their authors, tables and names loaded."""
    shape = _list_shape(member, filters)
    query = _list_statement(*shape)
    values = _list_values(member, filters, page)
    total = db.session.scalar(query.with_only_columns(func.count(Thread.id)).order_by(None), values)
    ordered = _ordered(query, filters.sort, shape[1])
    threads = list(
        db.session.scalars(
            ordered.offset(bindparam("offset")).limit(bindparam("limit")), values
        ).unique()
    )
    return Page(threads, page, THREADS_PER_PAGE, total or 0)


def thread_marks(member: Any, filters: ThreadFilter, page: int = 1) -> list[ThreadMark]:
    """The same page as list_threads, as (id, last post id) pairs only: enough to key
    its cached list and to find the member's unread threads, without loading them."""
    sight, in_category, unanswered, by_language = _list_shape(member, filters)
    statement = _marks_page_statement(sight, filters.sort, in_category, unanswered, by_language)
    return pairs(statement, _list_values(member, filters, page))
