"""`flask cop reindex`: rebuild the whole index from the content, in batches."""

from __future__ import annotations

import logging
import time
from types import SimpleNamespace

import click
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from cop.extensions import db
from cop.search import index, translated
from cop.search.models import SearchDocument

logger = logging.getLogger(__name__)
BATCH = 2000


def _batches(statement, key, last_key=lambda row: row[0]):
    """Rows of `statement` in primary-key order, BATCH at a time (keyset pagination);
    `last_key(row)` reads the key from a row: its first column by default."""
    last = 0
    while True:
        rows = db.session.execute(statement.where(key > last).order_by(key).limit(BATCH)).all()
        if not rows:
            return
        yield rows
        last = last_key(rows[-1])


def _thread_columns():
    from cop.threads.models import Thread

    names = ("id", "title", "language", "category_id", "author_id", "created_at", "is_hidden")
    # Moderation's columns, when that feature is there.
    optional = ("is_pending", "merged_into_id")
    return tuple(getattr(Thread, n) for n in names + optional if hasattr(Thread, n))


def _post_columns():
    from cop.threads.models import Post

    names = ("id", "position", "body_html", "language", "author_id", "created_at")
    flags = ("is_deleted", "is_hidden", "is_pending")
    return tuple(getattr(Post, n) for n in names + flags if hasattr(Post, n))


def _as(columns, values) -> SimpleNamespace:
    """Plain column values as an object the document builders read (no ORM identity map:
    ten times lighter than loading entities with their eager relationships)."""
    return SimpleNamespace(**{c.key: v for c, v in zip(columns, values, strict=True)})


def _index_threads() -> int:
    from cop.members.models import Member
    from cop.threads.models import Post, Thread

    threads, posts = _thread_columns(), _post_columns()
    count = 0
    statement = (
        select(*threads, *posts, Member.country)
        .join(Post, (Post.thread_id == Thread.id) & (Post.position == 1))
        .outerjoin(Member, Member.id == Thread.author_id)
    )
    for rows in _batches(statement, Thread.id):
        documents = []
        for row in rows:
            thread = _as(threads, row[: len(threads)])
            opening = _as(posts, row[len(threads) : -1])
            opening.is_opening = True
            if index.thread_is_visible(thread):
                documents.append(index.thread_document(thread, opening, row[-1]))
        index.write_documents(documents)
        count += len(rows)
    return count


def _index_posts() -> int:
    from cop.members.models import Member
    from cop.threads.models import Post, Thread

    threads, posts = _thread_columns(), _post_columns()
    count = 0
    statement = (
        select(*posts, *threads, Member.country)
        .join(Thread, Thread.id == Post.thread_id)
        .outerjoin(Member, Member.id == Post.author_id)
        .where(Post.position > 1)
    )
    for rows in _batches(statement, Post.id):
        documents = []
        for row in rows:
            post = _as(posts, row[: len(posts)])
            thread = _as(threads, row[len(posts) : -1])
            if index.post_is_visible(post, thread):
                documents.append(index.post_document(post, thread, row[-1]))
        index.write_documents(documents)
        count += len(rows)
    return count


def _entity_batches(statement, key):
    """_batches for statements selecting one entity (few rows: resources, members)."""
    return _batches(statement, key, lambda row: row[0].id)


def _index_resources() -> int:
    from cop.resources.models import Resource

    count = 0
    statement = select(Resource).options(selectinload(Resource.tags), selectinload(Resource.sharer))
    for rows in _entity_batches(statement, Resource.id):
        index.write_documents([index.resource_document(r) for (r,) in rows if not r.is_removed])
        count += len(rows)
    return count


def _index_events() -> int:
    from cop.events.models import Event

    count = 0
    statement = select(Event).options(selectinload(Event.programme))
    for rows in _entity_batches(statement, Event.id):
        index.write_documents(
            [index.event_document(e) for (e,) in rows if index.event_is_visible(e)]
        )
        count += len(rows)
    return count


def _index_members() -> int:
    from cop.members.models import Member

    count = 0
    statement = select(Member).options(selectinload(Member.expertise))
    for rows in _entity_batches(statement, Member.id):
        index.write_documents([index.member_document(m) for (m,) in rows])
        count += len(rows)
    return count


def _index_translations() -> int:
    from cop.translations.models import MEMBER, ContentTranslation

    count = 0
    statement = (
        select(ContentTranslation)
        .options(selectinload(ContentTranslation.translator))
        .where(
            ContentTranslation.origin == MEMBER,
            ContentTranslation.is_hidden.is_(False),
            ContentTranslation.kind.in_(translated.SEARCHED_KINDS),
        )
    )
    for rows in _entity_batches(statement, ContentTranslation.id):
        translated.write_translations([t for (t,) in rows])
        count += len(rows)
    return count


def rebuild_index() -> dict[str, int]:
    """Empty the index and write it again; the caller commits. Returns rows read per kind."""
    db.session.execute(delete(SearchDocument), execution_options={"synchronize_session": False})
    return {
        "thread": _index_threads(),
        "post": _index_posts(),
        "resource": _index_resources(),
        "event": _index_events(),
        "member": _index_members(),
        "translation": _index_translations(),
    }


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the threads, replies, resources, events, profiles and
    members' translations."""
    started = time.perf_counter()
    counts = rebuild_index()
    db.session.commit()
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{n} {kind}s" for kind, n in counts.items())
    click.echo(f"Search index rebuilt from {summary} in {seconds:.1f} s.")
    logger.info("search index rebuilt in %.1f s (%s)", seconds, summary)
