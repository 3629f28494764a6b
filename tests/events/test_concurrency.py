"""30 members pressing "Register" at once for the last 10 places: 10 going, 20 waiting.

Real threads, each with its own application context, session and database connection,
released together by a barrier (as tests/quality/test_races.py does with requests).
Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from cop.auth.services import register_member
from cop.events import registration, services
from cop.events.models import Event, EventRegistration, RegistrationStatus
from cop.extensions import db
from cop.members.models import Member
from cop.threads.models import Category, CategoryTranslation
from tests.conftest import PASSWORD, build_app, dispose_engines, migrate_to_head
from tests.databases import fresh_database_url
from tests.events.conftest import fields

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def racing_app(tmp_path_factory):
    """An app whose pool holds a connection for each of the 30 members at once."""
    url = fresh_database_url("event-races", tmp_path_factory.mktemp("event-races"))
    app = build_app(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 40, "max_overflow": 0})
    migrate_to_head(app)
    yield app
    dispose_engines(app)


_numbers = iter(range(1, 10_000))


def _members(count: int) -> list[Member]:
    return [
        register_member(
            display_name=f"Racer {n}",
            email=f"racer{n}@example.org",
            password=PASSWORD,
            country="JO",
            locale="ar",
            email_confirmed=True,  # they register for events at once
        )
        for n in (next(_numbers) for _ in range(count))
    ]


def _event(capacity: int) -> Event:
    table = Category(slug=f"races-{next(_numbers)}", original_locale="en")
    table.translations.append(CategoryTranslation(locale="en", name="Races", description=""))
    db.session.add(table)
    organiser = _members(1)[0]
    event = services.create_event(actor=organiser, fields=fields(capacity=capacity))
    services.publish_event(event, actor=organiser, category=table)
    return event


def _press_at_once(app, event_id: int, member_ids: list[int], action) -> list[str]:
    barrier = threading.Barrier(len(member_ids))

    def press(member_id: int) -> str:
        with app.app_context():
            try:
                event = db.session.get(Event, event_id)
                member = db.session.get(Member, member_id)
                barrier.wait(timeout=30)
                result = action(event, member)
                db.session.commit()
                return str(result)
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=len(member_ids)) as pool:
        return list(pool.map(press, member_ids))


def _statuses(event_id: int) -> dict[str, int]:
    db.session.expire_all()
    rows = db.session.execute(
        select(EventRegistration.status, func.count())
        .where(EventRegistration.event_id == event_id)
        .group_by(EventRegistration.status)
    )
    return {status.value: count for status, count in rows}


def test_thirty_members_at_once_for_the_last_ten_places(racing_app):
    with racing_app.app_context():
        event = _event(capacity=15)
        for member in _members(5):
            registration.register(event, member)
        crowd = [m.id for m in _members(30)]
        db.session.commit()
        event_id = event.id
        db.session.remove()  # the threads must not wait on this session's connection

        press = _press_at_once(
            racing_app, event_id, crowd, lambda e, m: registration.register(e, m).status
        )

        assert sorted(press).count("going") == 10
        assert _statuses(event_id) == {"going": 15, "waiting": 20}


def test_ten_cancelling_at_once_promote_exactly_ten_in_order(racing_app):
    with racing_app.app_context():
        event = _event(capacity=10)
        going, waiting = _members(10), _members(15)
        for member in going + waiting:
            registration.register(event, member)
        db.session.commit()
        event_id, going_ids = event.id, [m.id for m in going]
        waiting_ids = [m.id for m in waiting]
        db.session.remove()

        _press_at_once(racing_app, event_id, going_ids, registration.unregister)

        assert _statuses(event_id) == {"going": 10, "waiting": 5, "cancelled": 10}
        promoted = db.session.scalars(
            select(EventRegistration.member_id).where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.GOING,
            )
        )
        assert set(promoted) == set(waiting_ids[:10])
        db.session.remove()
