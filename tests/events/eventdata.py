"""Events made with the models directly, for the calendar and figures tests.

(The events services come with another lane; these tests need only rows.)
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from cop.events.models import (
    Event,
    EventFormat,
    EventOrganiser,
    EventRegistration,
    EventState,
    Programme,
    RegistrationStatus,
)
from cop.members.models import Role
from cop.models import utcnow

_slugs = itertools.count(1)


@pytest.fixture
def make_programme(db):
    def make(**fields) -> Programme:
        n = next(_slugs)
        programme = Programme(
            slug=fields.pop("slug", f"programme-{n}"),
            title=fields.pop("title", f"Programme {n}"),
            language=fields.pop("language", "en"),
            **fields,
        )
        db.session.add(programme)
        db.session.commit()
        return programme

    return make


@pytest.fixture
def make_event(db):
    """make_event(starts_at=..., organisers=[member], ...) -> a committed, published Event."""

    def make(**fields) -> Event:
        starts_at = fields.pop("starts_at", utcnow() + timedelta(days=10))
        organisers = fields.pop("organisers", [])
        event = Event(
            title=fields.pop("title", "Workshop on social economy"),
            language=fields.pop("language", "en"),
            description=fields.pop("description", "Three modules and a visit."),
            country=fields.pop("country", "ES"),
            city=fields.pop("city", "Valencia"),
            venue=fields.pop("venue", "Casa de la Cultura"),
            format=fields.pop("format", EventFormat.IN_PERSON),
            delivery_languages=fields.pop("delivery_languages", ["es"]),
            starts_at=starts_at,
            ends_at=fields.pop("ends_at", starts_at + timedelta(hours=2)),
            timezone=fields.pop("timezone", "Europe/Madrid"),
            state=fields.pop("state", EventState.PUBLISHED),
            **fields,
        )
        db.session.add(event)
        db.session.flush()
        for member in organisers:
            db.session.add(EventOrganiser(event_id=event.id, member_id=member.id))
        db.session.commit()
        return event

    return make


@pytest.fixture
def register(db):
    def add(event: Event, member, status=RegistrationStatus.GOING, attended=None):
        row = EventRegistration(event=event, member=member, status=status, attended=attended)
        db.session.add(row)
        db.session.commit()
        return row

    return add


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def people(db, make_member, make_event):
    """One of each kind of visitor of the matrix, and the event two organisers share."""
    from cop.moderation import sanctions as moderation

    organiser = make_member(display_name="Olga Organiser")
    other = make_member(display_name="Oren Other")
    admin = make_member(role=Role.ADMIN)
    suspended = make_member(display_name="Sam Suspended")
    event = make_event(organisers=[organiser, suspended])
    make_event(title="Another workshop", organisers=[other])
    moderation.suspend_member(
        suspended, moderator=admin, until=utcnow() + timedelta(days=2), reason="Cooling off"
    )
    db.session.commit()
    return {
        "anonymous": None,
        "member": make_member(),
        "organiser": organiser,
        "other organiser": other,
        "moderator": make_member(role=Role.MODERATOR),
        "admin": admin,
        "suspended": suspended,
        "event": event,
    }
