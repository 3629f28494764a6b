"""Rate-limit counters in a SQLite file, shared by every worker of one machine.

Flask-Limiter's in-process storage (memory://) gives each gunicorn worker its own
counters: with four workers, four times the configured sign-ins pass. Without Redis
the counters live instead in a small SQLite file in the instance folder, which every
worker of the machine opens. Each hit is one UPSERT statement (atomic in SQLite:
the file is locked while it runs), so the configured number passes, whichever
worker answers. With COP_REDIS_URL the counters live in Redis (cop.config).

Importing this module registers the `sqlite` scheme with the `limits` package:
RATELIMIT_STORAGE_URI = "sqlite:///absolute/path/ratelimits.sqlite3". It supports
Flask-Limiter's default strategy, the fixed window.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from urllib.parse import urlsplit

from limits.storage import Storage

# Every PRUNE_EVERY hits on a connection, expired counters are deleted.
PRUNE_EVERY = 1000
BUSY_TIMEOUT_MS = 5000

SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID
"""

# An expired counter starts again from `amount`, with a new window.
INCREMENT = """
INSERT INTO counters (key, value, expires_at) VALUES (:key, :amount, :expires_at)
ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN expires_at <= :now THEN :amount ELSE value + :amount END,
    expires_at = CASE WHEN expires_at <= :now THEN :expires_at ELSE expires_at END
RETURNING value
"""


def storage_uri(path: str) -> str:
    """The storage URI of a counters file at an absolute path."""
    return f"sqlite://{os.path.abspath(path)}"


class SQLiteStorage(Storage):
    """A `limits` storage on a SQLite file: one connection per thread and process."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        path = urlsplit(uri).path
        self.path = "/" + path.lstrip("/") if path.startswith("//") else path
        if not self.path:
            raise ValueError(f"{uri!r} names no file: sqlite:///absolute/path")
        self._local = threading.local()

    @property
    def base_exceptions(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error, OSError)  # OSError: the folder cannot be made

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection; a forked worker opens its own (never the parent's)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            # Autocommit: each statement is its own transaction, done when it returns.
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            conn.execute("PRAGMA synchronous = NORMAL")  # counters need not survive power loss
            conn.execute(SCHEMA)
            local.conn, local.pid, local.hits = conn, os.getpid(), 0
        return local.conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        conn = self._connection()
        now = time.time()
        params = {"key": key, "amount": amount, "expires_at": now + expiry, "now": now}
        (value,) = conn.execute(INCREMENT, params).fetchone()
        self._local.hits += 1
        if self._local.hits % PRUNE_EVERY == 0:
            conn.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        return int(value)

    def get(self, key: str) -> int:
        row = (
            self._connection()
            .execute(
                "SELECT value FROM counters WHERE key = ? AND expires_at > ?", (key, time.time())
            )
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        row = (
            self._connection()
            .execute("SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?", (key, now))
            .fetchone()
        )
        return float(row[0]) if row else now

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
        except (sqlite3.Error, OSError):
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))
