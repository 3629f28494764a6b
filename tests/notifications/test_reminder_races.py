"""Two (and more) cron runs at once send each reminder once: the claim on `reminded_at`
is a conditional UPDATE, so the runs that lose the race change nothing. Real threads, each
with its own application context, session and connection; SQLite and, with
DATABASE_URL, PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cop.auth.services import register_member
from cop.events import registration, services
from cop.events.models import EventRegistration
from cop.extensions import db
from cop.models import utcnow
from cop.notifications import reminders
from cop.notifications.models import Kind, Notification
from cop.threads.models import Category, CategoryTranslation
from tests.conftest import PASSWORD, build_app, dispose_engines, migrate_to_head
from tests.databases import fresh_database_url
from tests.events.conftest import fields

pytestmark = pytest.mark.slow
RUNS = 4


@pytest.fixture(scope="module")
def racing_app(tmp_path_factory):
    url = fresh_database_url("reminder-races", tmp_path_factory.mktemp("reminder-races"))
    app = build_app(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": RUNS + 2, "max_overflow": 0})
    migrate_to_head(app)
    yield app
    dispose_engines(app)


def _community(going: int) -> int:
    members = [
        register_member(
            display_name=f"Runner {n}",
            email=f"runner{n}@example.org",
            password=PASSWORD,
            country="GR",
            locale="el",
            email_confirmed=True,
        )
        for n in range(going + 1)
    ]
    table = Category(slug="reminders", original_locale="en")
    table.translations.append(CategoryTranslation(locale="en", name="Races", description=""))
    db.session.add(table)
    start = utcnow().replace(microsecond=0) + timedelta(hours=3)
    event = services.create_event(
        actor=members[0],
        fields=fields(capacity=None, starts_at=start, timezone="Europe/Athens", country="GR"),
    )
    services.publish_event(event, actor=members[0], category=table)
    for member in members[1:]:
        registration.register(event, member)
    db.session.commit()
    return event.id


def test_cron_runs_at_once_send_each_reminder_exactly_once(racing_app):
    with racing_app.app_context():
        event_id = _community(going=12)
        db.session.remove()  # the threads must not wait on this session's connection
    barrier = threading.Barrier(RUNS)

    def run(_n: int) -> int:
        with racing_app.app_context():
            try:
                barrier.wait(timeout=30)
                return reminders.send_due_reminders()
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        sent = list(pool.map(run, range(RUNS)))

    assert sum(sent) == 12
    with racing_app.app_context():
        per_member = db.session.execute(
            select(Notification.recipient_id, func.count())
            .where(Notification.kind == Kind.EVENT_REMINDER.value)
            .group_by(Notification.recipient_id)
        ).all()
        assert len(per_member) == 12 and {count for _m, count in per_member} == {1}
        unset = db.session.scalar(
            select(func.count()).where(
                EventRegistration.event_id == event_id, EventRegistration.reminded_at.is_(None)
            )
        )
        assert unset == 0
        assert reminders.send_due_reminders() == 0
        db.session.remove()
