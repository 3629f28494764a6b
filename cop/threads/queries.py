"""Read side of discussions: the lists and pages, each in a fixed number of queries."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, bindparam, false, func, or_, select
from sqlalchemy.orm import joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from cop.bounds import parse_page
from cop.extensions import db
from cop.permissions import is_member, is_moderator
from cop.threads.models import Category, Post, PostRevision, Thread, ThreadRead

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20
SORTS = ("activity", "newest", "replies")

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    per_page: int
    total: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def clamp_page(value: Any) -> int:
    return parse_page(value)


# Discussion tables


def list_categories(*, include_archived: bool = True) -> list[Category]:
    query = select(Category).order_by(Category.position, Category.id)
    if not include_archived:
        query = query.where(Category.is_archived.is_(False))
    return list(db.session.scalars(query))


@functools.cache
def _category_statement() -> Select:
    # Built once a process, on first use (a table's page asks on every view); its
    # names in one statement with it, not a second select-in one.
    return (
        select(Category)
        .where(Category.slug == bindparam("slug"))
        .options(joinedload(Category.translations))
    )


def category_by_slug(slug: str) -> Category | None:
    return db.session.scalar(_category_statement(), {"slug": slug})


# Thread lists


def seen_threads(sight: str, member_id: Any) -> Select:
    query = select(Thread).where(Thread.merged_into_id.is_(None))
    if sight == "all":
        return query
    # Awaiting approval: only its author sees it (cop/moderation).
    mine = Thread.author_id == member_id if sight == "member" else false()
    return query.where(Thread.is_hidden.is_(False), or_(Thread.is_pending.is_(False), mine))


def _visible_threads(member: Any) -> Select:
    return seen_threads(sight_of(member), member.id if is_member(member) else None)


ThreadMark = tuple[int, int | None]  # (thread id, last post id)


def pairs(statement: Select, values: dict | None = None) -> list[tuple]:
    # Through the connection (Core): plain tuples, a third of the ORM's cost.
    return [tuple(row) for row in db.session.connection().execute(statement, values)]


def latest_thread_marks(
    member: Any, limit: int = 8, language: str | None = None
) -> list[ThreadMark]:
    statement = _latest_marks_statement(sight_of(member), bool(language))
    member_id = member.id if is_member(member) else None
    return pairs(statement, {"member_id": member_id, "language": language, "limit": limit})


def latest_threads(member: Any, limit: int = 8, language: str | None = None) -> list[Thread]:
    """The newest threads (written in `language`, if given), those pinned on the front
    page first."""
    statement = _latest_statement(sight_of(member), bool(language)).limit(bindparam("limit"))
    member_id = member.id if is_member(member) else None
    values = {"member_id": member_id, "language": language, "limit": limit}
    return list(db.session.scalars(statement, values).unique())


@functools.cache
def _latest_statement(sight: str, by_language: bool) -> Select:
    """The newest threads for one sight, the member and language bound: built once a
    process (the home page asks on every view)."""
    query = seen_threads(sight, bindparam("member_id")).order_by(
        Thread.is_pinned_globally.desc(), Thread.last_post_at.desc(), Thread.id.desc()
    )
    return query.where(Thread.language == bindparam("language")) if by_language else query


@functools.cache
def _latest_marks_statement(sight: str, by_language: bool) -> Select:
    latest = _latest_statement(sight, by_language)
    return latest.with_only_columns(Thread.id, Thread.last_post_id).limit(bindparam("limit"))


@functools.cache
def _read_marks_statement() -> Select:
    # Built once a process: every signed-in view of a thread list asks.
    return select(ThreadRead.thread_id, ThreadRead.last_read_post_id).where(
        ThreadRead.member_id == bindparam("member_id"),
        ThreadRead.thread_id.in_(bindparam("thread_ids", expanding=True)),
    )


def unread_among(member: Any, marks: list[ThreadMark]) -> set[int]:
    """Threads with posts the member has not seen (never opened counts as new)."""
    if not is_member(member) or not marks:
        return set()
    rows = db.session.connection().execute(
        _read_marks_statement(),
        {"member_id": member.id, "thread_ids": [thread_id for thread_id, _last in marks]},
    )
    # By attribute: dict(rows) would read the result as a mapping.
    read = {row.thread_id: row.last_read_post_id for row in rows}
    return {
        thread_id for thread_id, last in marks if last is not None and last > read.get(thread_id, 0)
    }


# A thread's posts


def sight_of(member: Any) -> str:
    """Which posts of a thread a reader sees: "all" (moderators), "member" or "visitor"."""
    if is_moderator(member):
        return "all"
    return "member" if is_member(member) else "visitor"


def _seen_by(sight: str, member_id: Any) -> Any:
    """The condition on posts for a reader's sight (None for all). Deleted posts stay in
    the flow as a trace; hidden and pending ones are for moderators and their author,
    who sees them with the reason (cop/moderation)."""
    if sight == "all":
        return None
    mine = Post.author_id == member_id if sight == "member" else false()
    return or_(and_(Post.is_hidden.is_(False), Post.is_pending.is_(False)), mine)


def _visible_posts(member: Any, thread: Thread) -> Select:
    query = select(Post).where(Post.thread_id == thread.id)
    seen = _seen_by(sight_of(member), member.id if is_member(member) else None)
    return query if seen is None else query.where(seen)


@functools.cache
def _marks_statements(sight: str) -> tuple[Select, Select]:
    """post_marks' count and page of (post id, author id) for one sight, built once a
    process: they run on every view of a thread, where building them cost more than
    running them."""
    query = select(Post).where(Post.thread_id == bindparam("thread_id"))
    seen = _seen_by(sight, bindparam("member_id"))
    if seen is not None:
        query = query.where(seen)
    count = query.with_only_columns(func.count(Post.id))
    page = (
        query.with_only_columns(Post.id, Post.author_id)
        .order_by(Post.position)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    return count, page


def thread_page(member: Any, thread: Thread, page: int) -> Page[Post]:
    query = _visible_posts(member, thread)
    total = db.session.scalar(query.with_only_columns(func.count(Post.id)))
    posts = list(
        db.session.scalars(
            query.options(joinedload(Post.author), joinedload(Post.deleted_by))
            .order_by(Post.position)
            .offset((page - 1) * POSTS_PER_PAGE)
            .limit(POSTS_PER_PAGE)
        )
    )
    for post in posts:
        # Already loaded: no query per post, and (unlike assigning) nothing to flush.
        set_committed_value(post, "thread", thread)
    return Page(posts, page, POSTS_PER_PAGE, total or 0)


def post_marks(member: Any, thread: Thread, page: int) -> Page[tuple[int, int | None]]:
    """The same page as thread_page, as (post id, author id) pairs: enough to key its
    cached region and to mark it read, without loading the posts."""
    sight = sight_of(member)
    count, marks = _marks_statements(sight)
    values = {
        "thread_id": thread.id,
        "member_id": member.id if sight == "member" else None,
        "offset": (page - 1) * POSTS_PER_PAGE,
        "limit": POSTS_PER_PAGE,
    }
    # Two plain statements (through the connection, Core): a window count over the
    # selection would sort every post of the thread (10x the SQL time, measured).
    connection = db.session.connection()
    total = connection.scalar(count, values)
    pairs = [tuple(row) for row in connection.execute(marks, values)]
    return Page(pairs, page, POSTS_PER_PAGE, total or 0)


def page_of_post(member: Any, post: Post) -> int:
    before = db.session.scalar(
        _visible_posts(member, post.thread)
        .where(Post.position < post.position)
        .with_only_columns(func.count(Post.id))
    )
    return (before or 0) // POSTS_PER_PAGE + 1


def first_unread_post(member: Any, thread: Thread) -> Post | None:
    """The first post after the member's read mark; None if never read or all read."""
    if not is_member(member):
        return None
    mark = db.session.get(ThreadRead, (member.id, thread.id))
    if mark is None:
        return None
    return db.session.scalar(
        _visible_posts(member, thread)
        .where(Post.id > mark.last_read_post_id, Post.is_deleted.is_(False))
        .order_by(Post.position)
        .limit(1)
    )


def opening_post(thread: Thread) -> Post | None:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 1))


def post_revisions(post: Post) -> list[PostRevision]:
    return list(
        db.session.scalars(
            select(PostRevision)
            .options(joinedload(PostRevision.author))
            .where(PostRevision.post_id == post.id)
            .order_by(PostRevision.id.desc())
        )
    )


@functools.cache
def _thread_statement() -> Select:
    """get_thread's select, built once a process (on first use: its loader options need
    every model mapped). Its page shows neither the author nor the last one (the posts'
    bylines do), and the table's names only in its cached heading: loaded if asked for."""
    return (
        select(Thread)
        .options(
            lazyload(Thread.author),
            lazyload(Thread.last_author),
            joinedload(Thread.category).lazyload(Category.translations),
        )
        .where(Thread.id == bindparam("thread_id"))
    )


def get_thread(thread_id: int) -> Thread | None:
    return db.session.scalar(_thread_statement(), {"thread_id": thread_id})


def get_post(post_id: int) -> Post | None:
    return db.session.scalar(
        select(Post)
        .options(joinedload(Post.author), joinedload(Post.thread))
        .where(Post.id == post_id)
    )
