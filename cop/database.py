"""Database binding: SQLite tuned for a small server, PostgreSQL as it comes."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from cop.extensions import db


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
    import cop.members.models  # noqa: F401
    import cop.threads.models  # noqa: F401
    import cop.resources.models  # noqa: F401
    import cop.notifications.models  # noqa: F401
    import cop.search.models  # noqa: F401


def init_app(app: Flask) -> None:
    import_models()
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("connect_args", {}).setdefault("timeout", 5)
    db.init_app(app)
    if uri.startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _tune_sqlite)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
