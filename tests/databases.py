"""Test databases: a fresh one per purpose and xdist worker, SQLite or PostgreSQL.

DATABASE_URL (a PostgreSQL URL) switches the whole suite to PostgreSQL; each purpose
then gets its own database next to the one named, created on first use.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def on_postgres() -> bool:
    return POSTGRES_URL.startswith("postgresql")


def fresh_database_url(purpose: str, folder: Path) -> str:
    """An empty database for `purpose` ("app", "e2e", ...): nothing from earlier runs."""
    if not on_postgres():
        path = folder / f"{purpose}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    base = make_url(POSTGRES_URL)
    # The process id keeps concurrent test runs on one server out of each other's way.
    name = f"{base.database}_test_{os.getpid()}_{purpose}"
    _run_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    _created.append(name)
    return base.set(database=name).render_as_string(hide_password=False)


_created: list[str] = []


def _run_admin(*statements: str) -> None:
    admin = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()


def drop_created_databases() -> None:
    """Drop the PostgreSQL databases this process made (called when pytest finishes)."""
    if on_postgres() and _created:
        _run_admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in _created))
        _created.clear()
