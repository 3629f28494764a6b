"""Two presses of the same reaction at once write one row and one notice; two members
marking answers at once leave one answer. Real threads, each with its own application
context, session and connection, released together by a barrier (as
tests/events/test_concurrency.py). Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from cop.auth.services import register_member
from cop.extensions import db
from cop.members.models import Member
from cop.notifications.models import Notification
from cop.reactions import services
from cop.reactions.models import PostReaction
from cop.threads import services as thread_services
from cop.threads.models import Post
from tests.conftest import PASSWORD, build_app, dispose_engines, migrate_to_head
from tests.databases import fresh_database_url

pytestmark = pytest.mark.slow
PRESSES = 6


@pytest.fixture(scope="module")
def racing_app(tmp_path_factory):
    url = fresh_database_url("reaction-races", tmp_path_factory.mktemp("reaction-races"))
    app = build_app(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": PRESSES + 4, "max_overflow": 0})
    migrate_to_head(app)
    yield app
    dispose_engines(app)


_numbers = iter(range(1, 10_000))


def _member() -> Member:
    n = next(_numbers)
    return register_member(
        display_name=f"Presser {n}",
        email=f"presser{n}@example.org",
        password=PASSWORD,
        country="GR",
        locale="el",
        email_confirmed=True,
    )


def _reply() -> Post:
    table = thread_services.save_category(
        None,
        slug=f"races-{next(_numbers)}",
        position=1,
        original_locale="en",
        is_archived=False,
        texts=[thread_services.CategoryText("en", "Races", "")],
    )
    author = _member()
    thread = thread_services.start_thread(
        author=author, category=table, title="A question to race on", body="Why?", language="en"
    )
    return thread_services.reply_to_thread(
        author=author, thread=thread, body="Because.", language="en"
    )


def _at_once(app, count: int, action) -> list:
    barrier = threading.Barrier(count)

    def press(_n: int):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                result = action()
                db.session.commit()
                return result
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(press, range(count)))


def test_presses_of_the_same_reaction_at_once_write_one_row_and_one_notice(racing_app):
    with racing_app.app_context():
        reply = _reply()
        reader = _member()
        db.session.commit()
        post_id, reader_id = reply.id, reader.id
        db.session.remove()

        def press():
            post, member = db.session.get(Post, post_id), db.session.get(Member, reader_id)
            return services.add_reaction(post, member, "thanks")

        results = _at_once(racing_app, PRESSES, press)

        assert results.count(True) == 1
        rows = db.session.scalar(
            select(func.count(PostReaction.id)).where(PostReaction.post_id == post_id)
        )
        assert rows == 1
        notices = db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.kind == "reaction", Notification.target_id == post_id
            )
        )
        assert notices == 1

        def take_back():
            post, member = db.session.get(Post, post_id), db.session.get(Member, reader_id)
            return services.remove_reaction(post, member, "thanks")

        assert _at_once(racing_app, PRESSES, take_back).count(True) == 1
        rows = db.session.scalar(
            select(func.count(PostReaction.id)).where(PostReaction.post_id == post_id)
        )
        assert rows == 0
        db.session.remove()
