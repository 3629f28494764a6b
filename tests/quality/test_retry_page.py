"""A writer that meets SQLite's lock after its busy timeout gets the site's retry page."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from cop.extensions import db
from tests.conftest import build_app


@pytest.fixture
def locked_app(tmp_path):
    app = build_app(f"sqlite:///{tmp_path / 'locked.sqlite3'}")

    @app.post("/_locked")
    def locked():
        raise OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))

    @app.post("/_other")
    def other():
        raise OperationalError("SELECT ...", {}, sqlite3.OperationalError("no such table: x"))

    @app.post("/_locked_after_write")
    def locked_after_write():
        db.session.execute(text("CREATE TABLE IF NOT EXISTS notes (body TEXT)"))
        db.session.commit()
        db.session.execute(text("INSERT INTO notes VALUES ('half')"))
        db.session.flush()
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database is locked"))

    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_locked_database_answers_503_in_the_layout_with_retry_after(locked_app, locale):
    response = locked_app.test_client().post("/_locked", headers={"Accept-Language": locale})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    html = response.get_data(as_text=True)
    assert 'class="site-header"' in html and f'lang="{locale}"' in html


def test_the_retry_page_rolls_back_what_the_request_wrote(locked_app):
    assert locked_app.test_client().post("/_locked_after_write").status_code == 503
    with locked_app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM notes")).scalar() == 0


def test_other_database_errors_stay_server_errors(locked_app):
    with pytest.raises(OperationalError):  # TESTING propagates; in production: the 500 page
        locked_app.test_client().post("/_other")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(locked_app):
    with locked_app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
