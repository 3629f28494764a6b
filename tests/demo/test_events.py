"""The demo events: a programme, workshops in six countries in their languages, an
English webinar, registrations, a waiting list, attendance, materials and threads."""

from __future__ import annotations

from sqlalchemy import func, select

from cop import demo
from cop.demo import event_texts
from cop.demo.members import DEMO_PASSWORD
from cop.events.models import (
    Event,
    EventOrganiser,
    EventRegistration,
    EventResource,
    EventState,
    Programme,
    RegistrationStatus,
)
from cop.members.accounts import find_member_by_email
from cop.models import utcnow


def _count(model, *where) -> int:
    from cop.extensions import db

    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_events_are_complete_and_idempotent(db):
    demo.seed()
    db.session.commit()
    programme = db.session.scalar(
        select(Programme).where(Programme.slug == event_texts.PROGRAMME_SLUG)
    )
    events = db.session.scalars(select(Event).order_by(Event.id)).all()
    assert len(events) == len(event_texts.EVENTS) == 7
    assert all(event.programme_id == programme.id for event in events)
    assert all(event.state == EventState.PUBLISHED and event.thread_id for event in events)
    assert {event.country for event in events} == {"ES", "PT", "GR", "JO", "PS", "TN", None}
    by_country = {event.country: event for event in events}
    languages = {country: event.language for country, event in by_country.items()}
    assert languages == {
        "ES": "es", "PT": "pt", "GR": "el", "JO": "ar", "PS": "ar", "TN": "fr", None: "en",
    }  # fmt: skip
    now = utcnow()
    assert {event.is_past(now) for event in events} == {True, False}
    # The full Amman workshop has a waiting list, in registration order.
    amman = by_country["JO"]
    statuses = db.session.scalars(
        select(EventRegistration.status)
        .where(EventRegistration.event_id == amman.id)
        .order_by(EventRegistration.registered_at, EventRegistration.id)
    ).all()
    assert statuses.count(RegistrationStatus.GOING) == amman.capacity
    assert statuses.count(RegistrationStatus.WAITING) == 2
    # Attendance is marked on the past workshops, someone missing on each.
    for event in (e for e in events if e.is_past(now)):
        marks = db.session.scalars(
            select(EventRegistration.attended).where(EventRegistration.event_id == event.id)
        ).all()
        assert True in marks and False in marks
    assert _count(EventResource) >= 6
    assert _count(EventOrganiser) > len(events)  # co-organisers
    counts = (_count(Event), _count(EventRegistration), _count(EventResource))
    assert demo.seed() == 0
    db.session.commit()
    assert (_count(Event), _count(EventRegistration), _count(EventResource)) == counts


def test_demo_event_pages_render(client, db, login):
    demo.seed()
    db.session.commit()
    assert client.get("/events/").status_code == 200
    assert client.get("/events/?when=past").status_code == 200
    assert client.get("/events/programmes").status_code == 200
    assert client.get(f"/events/programmes/{event_texts.PROGRAMME_SLUG}").status_code == 200
    for event_id in db.session.scalars(select(Event.id)):
        assert client.get(f"/events/{event_id}").status_code == 200
    for resource_id in db.session.scalars(select(EventResource.resource_id)):
        assert client.get(f"/resources/{resource_id}").status_code == 200
    login(find_member_by_email("admin@example.org"), password=DEMO_PASSWORD)
    assert client.get("/events/figures").status_code == 200
    for event_id in db.session.scalars(select(Event.id)):
        assert client.get(f"/events/{event_id}/team").status_code == 200
