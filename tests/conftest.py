"""Fixtures shared by every test: an app on a migrated database, clients, factories."""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import logging
import os
import re
import tempfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, event

from cop import create_app
from cop.extensions import cache
from cop.extensions import db as _db
from cop.members.models import Member, Role
from tests.databases import drop_created_databases, fresh_database_url

PASSWORD = "a long and quiet river"
TRANSLATIONS = Path(__file__).parents[1] / "translations"

BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-that-is-long-enough-for-the-check",
    "SERVER_NAME": "cop.test",
    "WTF_CSRF_ENABLED": False,
    # Each test app counts in its own memory (the shared file is for real servers).
    "RATELIMIT_STORAGE_URI": "memory://",
    # Generous limits, so only the rate-limit tests meet them.
    "RATELIMIT_SIGN_IN": "1000 per minute",
    "RATELIMIT_REGISTER": "1000 per minute",
    "RATELIMIT_PASSWORD_RESET": "1000 per minute",
    "RATELIMIT_REPORT": "1000 per minute",
    "RATELIMIT_POST": "1000 per minute",
    "RATELIMIT_CONVERSATION": "1000 per minute",
    "RATELIMIT_REACTION": "1000 per minute",
    "RATELIMIT_MACHINE_TRANSLATION": "1000 per minute",
    "RATELIMIT_MACHINE_TRANSLATION_SITE": "1000 per minute",
    # New members' posts publish at once, except in tests/moderation that turn it on.
    "MODERATION_APPROVAL_COUNT": 0,
    "MODERATION_LINK_LIMIT": 1000,
    # Tests post English text marked as any language; tests/languages turn the check on.
    "LANGUAGE_CHECK": False,
    "MAIL_BACKEND": "locmem",
    # Fast hashing keeps hundreds of sign-ups quick; one test checks the real default.
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    # Never the instance folder: the cron command's pruning must not touch real exports.
    "EXPORT_FOLDER": str(Path(tempfile.gettempdir()) / f"cop-test-exports-{os.getpid()}"),
}


class IsolatedClient(FlaskClient):
    """Runs each request in an empty context, as a real server would.

    The `app` fixture keeps an app context pushed for the test's own database work.
    Flask would reuse it for the client's requests, sharing `g` (and so the signed-in
    member) and the database session between requests: a view that forgot to commit
    would still look right. An empty contextvars.Context gives each request its own.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


_built_apps: list[Flask] = []


def build_app(database_url: str, **overrides) -> Flask:
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    app.test_client_class = IsolatedClient
    _built_apps.append(app)
    return app


def dispose_engines(app: Flask) -> None:
    """Close an app's pooled connections now, not whenever the garbage collector runs
    (psycopg warns about connections collected while open, and warnings are errors)."""
    with app.app_context():
        for engine in _db.engines.values():
            engine.dispose()


@pytest.fixture(autouse=True)
def _close_connections_of_apps_built_in_the_test():
    first = len(_built_apps)
    yield
    for app in _built_apps[first:]:
        dispose_engines(app)
    del _built_apps[first:]


def migrate_to_head(app: Flask) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(revision="heads")


def pytest_sessionfinish(session, exitstatus):
    drop_created_databases()


@pytest.hookimpl(trylast=True)  # after tests/e2e has marked its tests `browser`
def pytest_collection_modifyitems(config, items):
    """The longest test files first (`slow`, then the browser journeys): xdist hands out
    files in this order, so the last ones to finish are short and no worker waits idle
    for another's long file at the end (the suite's wall time, not its work)."""

    def weight(item) -> int:
        if item.get_closest_marker("slow"):
            return 0
        return 1 if item.get_closest_marker("browser") else 2

    items.sort(key=weight)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "logs_errors: the test provokes an error the app logs with a traceback on purpose",
    )


class _TracebackRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


@contextlib.contextmanager
def failing_on_tracebacks():
    """Fail (pytest.fail) if anything logs an exception with its traceback inside."""
    recorder = _TracebackRecorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield
    finally:
        root.removeHandler(recorder)
    if recorder.records:
        first = recorder.records[0]
        trace = logging.Formatter().formatException(first.exc_info)
        pytest.fail(
            f"{len(recorder.records)} traceback(s) logged, first by {first.name}: "
            f"{first.getMessage()}\n{trace}",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _no_traceback_in_the_log(request):
    """Fail a test during which anything logged an exception with its traceback.

    The server log of the whole suite stays free of tracebacks: Flask's "Exception on
    ..." and the 500 handler's "unhandled error" mean a bug, even when the page looked
    fine. A test that provokes one on purpose says so with @pytest.mark.logs_errors.
    """
    if request.node.get_closest_marker("logs_errors"):
        yield
        return
    with failing_on_tracebacks():
        yield


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the .po catalogs the app reads, so tests always see the current ones."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f)
        partial = mo.with_suffix(f".mo.{os.getpid()}")  # xdist workers may race here
        with partial.open("wb") as f:
            write_mo(f, catalog)
        partial.replace(mo)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return fresh_database_url("app", tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def _migrated_app(database_url) -> Flask:
    app = build_app(database_url)
    migrate_to_head(app)
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def app(_migrated_app):
    """The app, its database emptied after each test (the schema stays)."""
    _migrated_app.extensions["mailman"].outbox = []  # each test sees only its own emails
    with _migrated_app.app_context():
        cache.clear()  # rendered fragments of the previous test's rows
        yield _migrated_app
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(delete(table))
        _db.session.remove()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


_numbers = itertools.count(1)


@pytest.fixture
def make_member(db):
    """make_member(role=Role.MODERATOR, locale="ar", ...) -> a committed Member.

    Members have confirmed their address unless made with email_confirmed=False."""
    from cop.auth import services

    def make(**fields) -> Member:
        n = next(_numbers)
        role = fields.pop("role", Role.MEMBER)
        member = services.register_member(
            display_name=fields.pop("display_name", f"Member {n}"),
            email=fields.pop("email", f"member{n}@example.org"),
            password=fields.pop("password", PASSWORD),
            country=fields.pop("country", "ES"),
            locale=fields.pop("locale", "en"),
            role=role,
            email_confirmed=fields.pop("email_confirmed", True),
        )
        for name, value in fields.items():
            setattr(member, name, value)
        db.session.commit()
        return member

    return make


@pytest.fixture
def login(client):
    """login(member) signs the test client in through the real sign-in form."""

    def sign_in(member: Member, password: str = PASSWORD, remember: bool = False):
        response = client.post(
            "/auth/sign-in",
            data={"email": member.email, "password": password, "remember": "y" if remember else ""},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return sign_in


@pytest.fixture
def no_page_cache(app, monkeypatch):
    """Visitors' pages rendered every time (cop.pagecache off): for query counts."""
    monkeypatch.setitem(app.config, "PAGE_CACHE_SECONDS", 0)


@pytest.fixture
def count_queries(db):
    """with count_queries() as queries: ... ; len(queries) is the SQL statements run."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        statements: list[str] = []

        def record(conn, cursor, statement, *args):
            if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", statement):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counting
