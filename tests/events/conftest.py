"""Event fixtures: a discussion table, an event factory, the people of the matrix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cop.events import services
from cop.events.models import EventFormat
from cop.members.models import Role
from cop.models import utcnow


@pytest.fixture
def table(db):
    from cop.threads.models import Category, CategoryTranslation

    category = Category(slug="workshops", original_locale="en")
    category.translations.append(CategoryTranslation(locale="en", name="Workshops", description=""))
    db.session.add(category)
    db.session.commit()
    return category


def fields(**overrides) -> services.EventFields:
    starts = overrides.pop("starts_at", utcnow().replace(microsecond=0) + timedelta(days=10))
    values = {
        "title": "Co-production workshop",
        "language": "en",
        "description": "A day on **co-production**.",
        "format": EventFormat.IN_PERSON,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "timezone": "Europe/Madrid",
        "country": "ES",
        "city": "Valencia",
        "venue": "Casa de la Cultura",
        "capacity": 10,
    }
    values.update(overrides)
    return services.EventFields(**values)


@pytest.fixture
def make_event(db, make_member, table):
    """make_event(organiser=..., published=True, **fields) -> a committed Event."""

    def make(*, organiser=None, published: bool = True, **overrides):
        organiser = organiser or make_member(display_name="Olga Organiser")
        event = services.create_event(actor=organiser, fields=fields(**overrides))
        if published:
            services.publish_event(event, actor=organiser, category=table)
        db.session.commit()
        return event

    return make


@pytest.fixture
def people(db, make_member, make_event):
    """The permission matrix's members, and an event organised by one of them."""
    from cop.moderation import sanctions as moderation

    organiser = make_member(display_name="Olga Organiser")
    other = make_member(display_name="Omar Other")
    admin = make_member(role=Role.ADMIN, display_name="Ada Admin")
    moderator = make_member(role=Role.MODERATOR, display_name="Mo Moderator")
    member = make_member(display_name="Maria Member")
    suspended = make_member(display_name="Sam Suspended")
    moderation.suspend_member(
        suspended,
        moderator=admin,
        until=datetime.now(UTC) + timedelta(days=3),
        reason="cool down",
    )
    services.grant_organiser_role(organiser, country="ES", actor=admin)
    services.grant_organiser_role(other, country="ES", actor=admin)
    db.session.commit()
    event = make_event(organiser=organiser)
    other_event = make_event(organiser=other, title="Another workshop")
    return {
        "organiser": organiser,
        "other": other,
        "admin": admin,
        "moderator": moderator,
        "member": member,
        "suspended": suspended,
        "event": event,
        "other_event": other_event,
    }
