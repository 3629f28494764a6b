"""Events pages: a fixed number of queries whatever the data size, and the content
family ("events") their cached pages are keyed by."""

from __future__ import annotations

from datetime import timedelta

from cop.contentscopes import FAMILY_OF_TABLE
from cop.contentversion import QUIET_TABLES
from cop.events import registration, services
from cop.events.models import Event
from cop.extensions import db as _db
from tests.core.test_content_scopes import bumped
from tests.events.conftest import fields


def _grow(make_member, table, organiser, count: int) -> Event:
    event = None
    for n in range(count):
        event = services.create_event(
            actor=organiser, fields=fields(title=f"Workshop {n}", capacity=3)
        )
        services.publish_event(event, actor=organiser, category=table)
        services.add_organiser(event, make_member())
        for _ in range(4):
            registration.register(event, make_member())
    _db.session.commit()
    return event


def _count(client, count_queries, path: str) -> int:
    with count_queries() as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_events_page_and_an_event_page_run_a_fixed_number_of_queries(
    client, login, make_member, table, count_queries, no_page_cache
):
    organiser = make_member()
    event = _grow(make_member, table, organiser, 2)
    reader = make_member()
    login(reader)
    small = [_count(client, count_queries, p) for p in ("/events/", f"/events/{event.id}")]
    event = _grow(make_member, table, organiser, 6)
    large = [_count(client, count_queries, p) for p in ("/events/", f"/events/{event.id}")]
    assert small == large
    assert max(large) <= 15


def test_every_events_table_has_a_content_family_or_is_quiet():
    tables = {t for t in Event.metadata.tables if t.startswith(("event", "programme", "organiser"))}
    tables.add("calendar_tokens")
    assert all(t in FAMILY_OF_TABLE or t in QUIET_TABLES for t in tables)


def test_a_registration_moves_the_events_family_and_not_the_discussions(
    db, make_member, make_event
):
    event = make_event()
    member = make_member()
    moved = bumped(db, lambda: registration.register(event, member))
    assert "events" in moved and "threads" not in moved and "resources" not in moved


def test_an_edited_event_moves_the_events_family(db, make_event):
    event = make_event()

    def edit():
        event.ends_at = event.ends_at + timedelta(hours=1)

    assert "events" in bumped(db, edit)
