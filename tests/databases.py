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
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if not on_postgres():
        path = folder / f"{purpose}-{worker}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    base = make_url(POSTGRES_URL)
    name = f"{base.database}_test_{purpose}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)
