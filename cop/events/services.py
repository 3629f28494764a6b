"""Creating, editing, publishing and cancelling events; programmes; organiser roles.

Services add and flush; they never commit and never touch `request` (the views do).
Registration and the waiting list are in cop/events/registration.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select

from cop import signals
from cop.contentversion import note_changed
from cop.database import insert_ignore
from cop.events import registration
from cop.events.models import (
    Event,
    EventFormat,
    EventOrganiser,
    EventResource,
    EventState,
    OrganiserRole,
    Programme,
)
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.resources.models import Resource
from cop.sanitize import render_markdown
from cop.threads import services as threads
from cop.threads.models import TITLE_MAX as THREAD_TITLE_MAX
from cop.threads.models import Category
from cop.versions import claim_version

logger = logging.getLogger(__name__)


@dataclass
class EventFields:
    """What the create and edit forms say about an event (times already in UTC)."""

    title: str
    language: str
    description: str
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    timezone: str
    country: str | None = None
    city: str = ""
    venue: str = ""
    address: str = ""
    online_url: str | None = None
    delivery_languages: list[str] = field(default_factory=list)
    capacity: int | None = None
    registration_deadline: datetime | None = None
    programme: Programme | None = None
    question_1: str | None = None
    question_2: str | None = None


# What registrants hear of when it changes: the time, the place, the link.
WATCHED = {
    "time": ("starts_at", "ends_at", "timezone"),
    "place": ("country", "city", "venue", "address", "format"),
    "link": ("online_url",),
}


def _apply(event: Event, fields: EventFields) -> frozenset[str]:
    """Copy `fields` onto `event`; the watched groups that changed."""
    before = {name: getattr(event, name) for names in WATCHED.values() for name in names}
    for name in (
        "title", "language", "format", "starts_at", "ends_at", "timezone", "country",
        "city", "venue", "address", "online_url", "delivery_languages", "capacity",
        "registration_deadline", "programme", "question_1", "question_2",
    ):  # fmt: skip
        setattr(event, name, getattr(fields, name))
    event.title = fields.title.strip()
    event.description = fields.description
    event.description_html = render_markdown(fields.description)
    return frozenset(
        group
        for group, names in WATCHED.items()
        if any(before[name] != getattr(event, name) for name in names)
    )


def create_event(*, actor: Member, fields: EventFields) -> Event:
    """A draft event, organised by its creator."""
    event = Event(created_by=actor, state=EventState.DRAFT)
    _apply(event, fields)
    db.session.add(event)
    db.session.flush()
    add_organiser(event, actor)
    signals.event_created.send(event, actor=actor)
    logger.info("member %s created event %s", actor.id, event.id)
    return event


def update_event(
    event: Event, *, actor: Member, fields: EventFields, version: int | None
) -> frozenset[str]:
    """Save an edit made from `version` (StaleEdit if someone saved since); what changed
    among time, place and link. A capacity that grows promotes from the waiting list."""
    claim_version(event, version)
    old_capacity = event.capacity
    changes = _apply(event, fields)
    if changes and event.state != EventState.DRAFT:
        event.sequence = event.sequence + 1  # calendars replace their copy
    db.session.flush()
    if event.capacity is None or (old_capacity is not None and event.capacity > old_capacity):
        registration.promote_waiting(event)
    signals.event_changed.send(event, actor=actor, changes=changes)
    logger.info("member %s edited event %s (%s)", actor.id, event.id, ",".join(sorted(changes)))
    return changes


def thread_title(title: str) -> str:
    """The discussion thread's title: the event's, cut at a word to fit a thread's
    shorter column (an event title may be longer than a thread's)."""
    if len(title) <= THREAD_TITLE_MAX:
        return title
    cut = title[: THREAD_TITLE_MAX - 1]
    if " " in cut[THREAD_TITLE_MAX // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def publish_event(event: Event, *, actor: Member, category: Category) -> bool:
    """Publish a draft and open its discussion thread in `category`; False if it was
    not a draft."""
    if event.state != EventState.DRAFT:
        return False
    event.state = EventState.PUBLISHED
    event.sequence = event.sequence + 1
    if event.thread_id is None:
        event.thread = threads.start_thread(
            author=actor,
            category=category,
            title=thread_title(event.title),
            body=event.description or event.title,
            language=event.language,
        )
    db.session.flush()
    signals.event_published.send(event, actor=actor, thread=event.thread)
    logger.info("member %s published event %s", actor.id, event.id)
    return True


def cancel_event(event: Event, *, actor: Member) -> bool:
    """Cancel the event (registrations stay, so participants can be told); False if it
    was cancelled already."""
    if event.state == EventState.CANCELLED:
        return False
    was_draft = event.state == EventState.DRAFT
    event.state = EventState.CANCELLED
    event.cancelled_at = utcnow()
    event.sequence = event.sequence + 1
    db.session.flush()
    if not was_draft:
        signals.event_cancelled.send(event, actor=actor)
    logger.info("member %s cancelled event %s", actor.id, event.id)
    return True


def add_organiser(event: Event, member: Member) -> bool:
    added = insert_ignore(
        EventOrganiser, ["event_id", "member_id"], event_id=event.id, member_id=member.id
    )
    note_changed(db.session, "events")
    db.session.expire(event, ["organisers"])
    return added is not None


def link_resource(event: Event, resource: Resource) -> bool:
    added = insert_ignore(
        EventResource, ["event_id", "resource_id"], event_id=event.id, resource_id=resource.id
    )
    note_changed(db.session, "events")
    db.session.expire(event, ["resources"])
    return added is not None


@dataclass
class ProgrammeFields:
    slug: str
    title: str
    description: str
    language: str


def slug_taken(slug: str, *, besides: Programme | None = None) -> bool:
    statement = select(Programme.id).where(Programme.slug == slug)
    if besides is not None:
        statement = statement.where(Programme.id != besides.id)
    return db.session.scalar(statement.limit(1)) is not None


def _apply_programme(programme: Programme, fields: ProgrammeFields) -> None:
    programme.slug = fields.slug
    programme.title = fields.title.strip()
    programme.language = fields.language
    programme.description = fields.description
    programme.description_html = render_markdown(fields.description)


def create_programme(
    *, actor: Member, slug: str, title: str, description: str, language: str
) -> Programme:
    programme = Programme(created_by=actor)
    _apply_programme(programme, ProgrammeFields(slug, title, description, language))
    db.session.add(programme)
    db.session.flush()
    signals.programme_saved.send(programme, actor=actor, created=True)
    logger.info("member %s created programme %s", actor.id, programme.id)
    return programme


def update_programme(
    programme: Programme, *, actor: Member, fields: ProgrammeFields, version: int | None
) -> None:
    """Save an edit made from `version` (StaleEdit if someone saved since)."""
    claim_version(programme, version)
    _apply_programme(programme, fields)
    db.session.flush()
    signals.programme_saved.send(programme, actor=actor, created=False)
    logger.info("member %s edited programme %s", actor.id, programme.id)


def grant_organiser_role(member: Member, *, country: str, actor: Member) -> bool:
    """True if the role is new (a double press grants it once)."""
    added = insert_ignore(
        OrganiserRole,
        ["member_id", "country"],
        member_id=member.id,
        country=country,
        granted_by_id=actor.id,
        created_at=utcnow(),
    )
    if added is not None:
        note_changed(db.session, "events")
        signals.organiser_role_granted.send(member, actor=actor, country=country)
        logger.info("member %s made %s an organiser for %s", actor.id, member.id, country)
    return added is not None


def revoke_organiser_role(member: Member, *, country: str, actor: Member) -> bool:
    result = db.session.execute(
        delete(OrganiserRole).where(
            OrganiserRole.member_id == member.id, OrganiserRole.country == country
        )
    )
    if result.rowcount:
        note_changed(db.session, "events")
        signals.organiser_role_revoked.send(member, actor=actor, country=country)
        logger.info("member %s revoked %s's organiser role for %s", actor.id, member.id, country)
    return bool(result.rowcount)
