"""Two autosaves of one draft at once, and two presses of "Bookmark" at once: one row.

Real threads, each with its own application context, session and connection, released
together by a barrier (as tests/events/test_concurrency.py does). Runs on SQLite and,
with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from cop.auth.services import register_member
from cop.bookmarks import services as bookmarks
from cop.bookmarks.models import Bookmark
from cop.drafts import places, services
from cop.drafts.models import Draft
from cop.extensions import db
from cop.members.models import Member
from cop.threads import services as threads
from cop.threads.models import Category, CategoryTranslation, Thread
from tests.conftest import PASSWORD, build_app, dispose_engines, migrate_to_head
from tests.databases import fresh_database_url

pytestmark = pytest.mark.slow
AT_ONCE = 6


@pytest.fixture(scope="module")
def racing_app(tmp_path_factory):
    url = fresh_database_url("draft-races", tmp_path_factory.mktemp("draft-races"))
    app = build_app(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 10, "max_overflow": 0})
    migrate_to_head(app)
    yield app
    dispose_engines(app)


_numbers = iter(range(1, 10_000))


def _thread_and_member() -> tuple[int, int]:
    n = next(_numbers)
    member = register_member(
        display_name=f"Writer {n}", email=f"writer{n}@example.org", password=PASSWORD,
        country="GR", locale="el", email_confirmed=True,
    )  # fmt: skip
    table = Category(slug=f"drafts-{n}", original_locale="en")
    table.translations.append(CategoryTranslation(locale="en", name="Drafts", description=""))
    db.session.add(table)
    thread = threads.start_thread(
        author=member, category=table, title="A thread", body="Opening", language="en"
    )
    db.session.commit()
    return thread.id, member.id


def _at_once(app, action) -> list[str]:
    barrier = threading.Barrier(AT_ONCE)

    def press(number: int) -> str:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                action(number)
                db.session.commit()
                return "ok"
            except Exception as error:
                db.session.rollback()
                return repr(error)
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(press, range(AT_ONCE)))


def test_autosaves_at_once_keep_one_draft(racing_app):
    with racing_app.app_context():
        thread_id, member_id = _thread_and_member()

    def autosave(number: int) -> None:
        member = db.session.get(Member, member_id)
        text = services.DraftText(body=f"version {number}")
        services.save_draft(member, places.kind_of("reply"), thread_id, text)

    assert _at_once(racing_app, autosave) == ["ok"] * AT_ONCE
    with racing_app.app_context():
        rows = db.session.scalars(select(Draft).where(Draft.member_id == member_id)).all()
        assert len(rows) == 1 and rows[0].body.startswith("version ")
        db.session.remove()


@pytest.mark.parametrize("round_", range(3))
def test_an_autosave_racing_the_post_of_its_form_leaves_no_draft(racing_app, round_):
    """One request posts the reply, the others autosave the same form (its client token)
    at the same moment: whatever the order, no draft of the posted words remains."""
    with racing_app.app_context():
        thread_id, member_id = _thread_and_member()

    def post_or_autosave(number: int) -> None:
        member = db.session.get(Member, member_id)
        if number == 0:
            services.discard_draft(member, places.place_key("reply", thread_id))
            threads.reply_to_thread(
                author=member,
                thread=db.session.get(Thread, thread_id),
                body="All of my thoughts",
                language="en",
                client_token="form-1",
            )
            return
        text = services.DraftText(body=f"All of my thoughts {number}")
        kind = places.kind_of("reply")
        with contextlib.suppress(services.DraftPosted):  # the post came first
            services.save_draft(member, kind, thread_id, text, form_token="form-1")

    assert _at_once(racing_app, post_or_autosave) == ["ok"] * AT_ONCE
    with racing_app.app_context():
        rows = db.session.scalars(select(Draft).where(Draft.member_id == member_id)).all()
        assert rows == []
        db.session.remove()


def test_bookmark_presses_at_once_keep_one_bookmark(racing_app):
    with racing_app.app_context():
        thread_id, member_id = _thread_and_member()

    def press(_number: int) -> None:
        member = db.session.get(Member, member_id)
        assert db.session.get(Thread, thread_id) is not None
        bookmarks.add_bookmark(member, "thread", thread_id)

    assert _at_once(racing_app, press) == ["ok"] * AT_ONCE
    with racing_app.app_context():
        count = select(func.count(Bookmark.id)).where(Bookmark.member_id == member_id)
        assert db.session.scalar(count) == 1
        db.session.remove()
