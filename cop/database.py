"""Database binding: SQLite tuned for a small server, PostgreSQL as it comes."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, has_request_context, request
from sqlalchemy import event, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from cop.extensions import db

T = TypeVar("T")
E = TypeVar("E")

logger = logging.getLogger(__name__)
PAUSE_HEADER = "X-Test-Pause-Before-Commit"


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers work while one writer writes; the busy timeout makes a writer
    # wait for the lock instead of failing; foreign keys are off unless asked for.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def import_models() -> None:
    """Import every feature's models so the metadata (and Alembic) sees all tables."""
    import cop.bookmarks.models
    import cop.contentversion
    import cop.conversations.models
    import cop.drafts.models
    import cop.events.models
    import cop.jobs.models
    import cop.members.models
    import cop.moderation.models
    import cop.notifications.models
    import cop.reactions.models
    import cop.resources.models
    import cop.search.models
    import cop.threads.models  # noqa: F401


def init_app(app: Flask) -> None:
    import_models()
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        # Copies: the default dict is shared by every app in the process (a PostgreSQL
        # app built after an SQLite one must not inherit sqlite3's "timeout").
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options["connect_args"] = {"timeout": 5, **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    from cop import contentversion

    contentversion.listen()
    if app.testing and not event.contains(db.session, "before_commit", _pause_before_commit):
        event.listen(db.session, "before_commit", _pause_before_commit)
    if uri.startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _tune_sqlite)


def _pause_before_commit(_session) -> None:
    # Testing only (TESTING and TEST_PAUSE_SECONDS): a request carrying PAUSE_HEADER waits
    # here, its rows flushed and its files stored but nothing committed, so a test can kill
    # the worker at the worst moment (tests/quality/test_failure.py).
    if not has_request_context() or not current_app.testing:
        return
    seconds = current_app.config.get("TEST_PAUSE_SECONDS", 0)
    if seconds and request.headers.get(PAUSE_HEADER):
        logger.warning("pausing before commit in worker %s", os.getpid())
        time.sleep(seconds)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


# Upserts: a row that two requests may write at once (a read mark, a watch, a report)
# goes in with INSERT ... ON CONFLICT, so the second press never meets a unique error.


def dialect_insert(model):
    """INSERT for `model` with the ON CONFLICT clauses of the session's database."""
    builder = (
        postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    return builder(model)


def insert_ignore(model, conflict: list[str], **values):
    """Insert unless a row with the same `conflict` columns exists; the new row's
    primary key, or None when one was there already (RETURNING: rowcount lies on some drivers)."""
    statement = (
        dialect_insert(model).values(**values).on_conflict_do_nothing(index_elements=conflict)
    )
    primary = model.__mapper__.primary_key[0]
    return db.session.execute(statement.returning(primary)).scalar()


def upsert(model, conflict: list[str], values: dict, update: dict, where=None) -> None:
    """Insert `values`, or apply `update` to the row that has the same `conflict` columns
    (`where`, if given, must hold for the update; `excluded` is the refused row)."""
    statement = dialect_insert(model).values(**values)
    changes = {k: (v(statement.excluded) if callable(v) else v) for k, v in update.items()}
    predicate = where(statement.excluded) if where is not None else None
    db.session.execute(
        statement.on_conflict_do_update(index_elements=conflict, set_=changes, where=predicate)
    )


def set_flag_once(obj, name: str, value: bool) -> bool:
    """Set the boolean column `name` of `obj` to `value` in one conditional UPDATE; True
    only for the request that changed it. Two presses at once (delete twice): one
    changes it, the other is told it was done already, so counters move once."""
    model = type(obj)
    result = db.session.execute(
        update(model)
        .where(model.id == obj.id, getattr(model, name).is_not(value))
        .values({name: value})
        .execution_options(synchronize_session=False)
    )
    set_committed_value(obj, name, value)
    return result.rowcount == 1


def commit_once(
    find_earlier: Callable[[], E | None], write: Callable[[], T]
) -> tuple[T | None, E | None]:
    """Commit what `write` adds once per form (its rows carry the form's unique token).

    A form sent twice, one after the other or both at once (the unique token makes the
    second commit fail), finds what the first one made. Returns (what `write` returned,
    None), or (None, the earlier row).
    """
    earlier = find_earlier()
    if earlier is not None:
        return None, earlier
    try:
        made = write()
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        earlier = find_earlier()
        if earlier is None:
            raise error
        return None, earlier
    return made, None
