"""Threads waiting for an answer: read side, each list in a fixed number of queries.

A thread waits while nobody but its author has written a visible reply
(threads.first_other_reply_at, kept by cop.waiting.services) and, in a Q&A table, no
reply is marked as its answer. Left out: hidden, pending and merged threads, locked ones
(nobody may answer them), those of archived tables, and the discussions a shared resource
or a published event opens by itself (an announcement asks nobody anything). Oldest
first: the longest wait comes first. The index ix_threads_waiting serves the filter, the language and the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, select

from cop.events.models import Event
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES, interface_language
from cop.members.models import MemberLanguage
from cop.permissions import is_member
from cop.resources.models import Resource
from cop.threads.models import Category, Thread
from cop.threads.queries import Page

WAITING_PER_PAGE = 30
DIGEST_LIMIT = 5


def reader_languages(member: Any, locale: str | None = None) -> list[str]:
    """The languages a reader reads: the interface language (or `locale`), then the
    languages on a member's profile (one query); a visitor reads the interface's."""
    first = locale or interface_language()
    codes = [first]
    if is_member(member):
        codes += db.session.scalars(
            select(MemberLanguage.code)
            .where(MemberLanguage.member_id == member.id)
            .order_by(MemberLanguage.code)
        )
    return list(dict.fromkeys(code for code in codes if code))


def language_filter(value: Any) -> str | None:
    """A `?language=` value: one of the six languages, else None (every language read)."""
    return value if isinstance(value, str) and value in SUPPORTED_LOCALES else None


def _waiting() -> Select:
    open_tables = select(Category.id).where(Category.is_archived.is_(False))
    return select(Thread).where(
        Thread.first_other_reply_at.is_(None),
        Thread.answer_post_id.is_(None),
        Thread.merged_into_id.is_(None),
        Thread.is_hidden.is_(False),
        Thread.is_pending.is_(False),
        Thread.is_locked.is_(False),
        Thread.category_id.in_(open_tables),
        ~exists().where(Resource.thread_id == Thread.id),
        ~exists().where(Event.thread_id == Thread.id),
    )


def _in(query: Select, languages: list[str]) -> Select:
    return query.where(Thread.language.in_(languages))


def _oldest_first(query: Select) -> Select:
    return query.order_by(Thread.created_at, Thread.id)


def waiting_threads(languages: list[str], number: int) -> Page[Thread]:
    """A page of the threads waiting in these languages, oldest first (two queries,
    and one for the tables' names)."""
    query = _in(_waiting(), languages)
    total = db.session.scalar(query.with_only_columns(func.count(Thread.id))) or 0
    pages = max(1, -(-total // WAITING_PER_PAGE))
    number = min(max(number, 1), pages)
    threads = list(
        db.session.scalars(
            _oldest_first(query).offset((number - 1) * WAITING_PER_PAGE).limit(WAITING_PER_PAGE)
        ).unique()
    )
    return Page(threads, number, WAITING_PER_PAGE, total)


def digest_threads(member: Any, limit: int = DIGEST_LIMIT) -> list[Thread]:
    """A few threads waiting in the member's languages for the digest, not their own."""
    languages = reader_languages(member, member.locale)
    query = _in(_waiting(), languages).where(Thread.author_id.is_distinct_from(member.id))
    return list(db.session.scalars(_oldest_first(query).limit(limit)).unique())


@dataclass(frozen=True)
class LanguageWait:
    language: str
    count: int
    oldest: datetime


def waits_by_language() -> list[LanguageWait]:
    """Per language, how many threads wait and since when; the most waiting first."""
    count = func.count(Thread.id)
    rows = db.session.execute(
        _waiting()
        .with_only_columns(Thread.language, count, func.min(Thread.created_at))
        .group_by(Thread.language)
        .order_by(count.desc(), Thread.language)
    )
    return [LanguageWait(language, total, oldest) for language, total, oldest in rows]
