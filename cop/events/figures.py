"""Participation figures for reporting: counted in the database, small counts suppressed.

What each figure counts (README.md, "Participation figures", says the same):

- events: published events (drafts and cancelled events are left out), past and upcoming;
- registrations: registrations going or on the waiting list now ("not going" ones are not
  counted);
- attendance: registrations the organisers marked as attended;
- new members: members who attended an event and whose account was created in the
  NEW_MEMBER_DAYS days before it started (or while it ran): people who joined the forum
  to take part. Counted once per row even if they attended several of its events;
- threads: events with a linked discussion thread; resources: distinct library
  resources linked to the events.

Breakdowns by country (the participant's, from their profile), organisation kind (the
participant's) and language (the event's delivery languages: an event held in two
languages counts in both) could point at a person, so their counts from 1 to 4 are shown
as "<5". Organisers see the events they organise; administrators see every event.
Each breakdown is one GROUP BY query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
)

from cop.events.models import (
    Event,
    EventOrganiser,
    EventRegistration,
    EventResource,
    EventState,
    OrganiserRole,
    Programme,
    RegistrationStatus,
)
from cop.extensions import db
from cop.members.models import Member
from cop.permissions import can_administer, can_write

NEW_MEMBER_DAYS = 30
SMALL = range(1, 5)  # counts shown as "<5" where they could identify a person
COUNTS = ("events", "registrations", "attendance", "new_members", "threads", "resources")
PERSON_COUNTS = ("registrations", "attendance", "new_members")
BREAKDOWNS = ("programme", "event", "country", "organisation_kind", "language", "month")
SUPPRESSED = frozenset({"country", "organisation_kind", "language"})


@dataclass(frozen=True)
class Figure:
    value: int
    suppressed: bool = False

    def __str__(self) -> str:
        return "<5" if self.suppressed else str(self.value)


@dataclass
class Row:
    key: Any  # programme id, event id, country code, kind, language code, "YYYY-MM"; None
    name: str | None  # programme or event title, when the key is an id
    figures: dict[str, Figure]
    extra: Any = None  # the event's start, for the events breakdown


# Who sees what


def may_see_figures(member: Any) -> bool:
    """Administrators, and members who organise events (or may create them)."""
    if not can_write(member):
        return False
    if can_administer(member):
        return True
    organises = exists().where(EventOrganiser.member_id == member.id)
    has_role = exists().where(OrganiserRole.member_id == member.id)
    return bool(db.session.scalar(select(or_(organises, has_role))))


def _scope(member: Any) -> ColumnElement[bool]:
    if can_administer(member):
        return true()
    mine = select(EventOrganiser.event_id).where(EventOrganiser.member_id == member.id)
    return Event.id.in_(mine)


# Portable date arithmetic (SQLite keeps datetimes as text, PostgreSQL as timestamps)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _days_before(column, days: int):
    if _dialect() == "sqlite":
        return func.datetime(column, f"-{days} days")
    return column - literal_column(f"interval '{days} days'")


def _month(column):
    if _dialect() == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM")


def _languages():
    name = "json_each" if _dialect() == "sqlite" else "json_array_elements_text"
    return getattr(func, name)(Event.delivery_languages).table_valued("value").alias("language")


# The queries


def _counted(*dimensions) -> Select:
    active = EventRegistration.status.in_([RegistrationStatus.GOING, RegistrationStatus.WAITING])
    attended = EventRegistration.attended.is_(True)
    new = and_(
        attended,
        Member.created_at >= _days_before(Event.starts_at, NEW_MEMBER_DAYS),
        Member.created_at <= Event.ends_at,
    )
    return select(
        *dimensions,
        func.count(distinct(Event.id)).label("events"),
        func.count(distinct(case((active, EventRegistration.id)))).label("registrations"),
        func.count(distinct(case((attended, EventRegistration.id)))).label("attendance"),
        func.count(distinct(case((new, EventRegistration.member_id)))).label("new_members"),
        func.count(distinct(Event.thread_id)).label("threads"),
        func.count(distinct(EventResource.resource_id)).label("resources"),
    )


def _joined(statement: Select, member: Any, *, people_only: bool = False) -> Select:
    statement = (
        statement.outerjoin(EventRegistration, EventRegistration.event_id == Event.id)
        .outerjoin(Member, Member.id == EventRegistration.member_id)
        .outerjoin(EventResource, EventResource.event_id == Event.id)
        .where(Event.state == EventState.PUBLISHED, _scope(member))
    )
    if people_only:  # breakdowns by who came: only rows of people registered or present
        active = EventRegistration.status.in_(
            [RegistrationStatus.GOING, RegistrationStatus.WAITING]
        )
        statement = statement.where(or_(active, EventRegistration.attended.is_(True)))
    return statement


def _figures(row, suppress: bool) -> dict[str, Figure]:
    figures = {}
    for name in COUNTS:
        value = getattr(row, name)
        figures[name] = Figure(value, suppress and name in PERSON_COUNTS and value in SMALL)
    return figures


def totals(member: Any) -> dict[str, Figure]:
    row = db.session.execute(_joined(_counted().select_from(Event), member)).one()
    return _figures(row, False)


def breakdown(member: Any, name: str) -> list[Row]:
    """The rows of one breakdown (one of BREAKDOWNS), in their reading order."""
    suppress = name in SUPPRESSED
    if name == "programme":
        statement = _counted(Programme.id, Programme.title).select_from(Event)
        statement = statement.outerjoin(Programme, Programme.id == Event.programme_id)
        keys = (Programme.id, Programme.title)
        order = (Programme.title.is_(None), Programme.title)
    elif name == "event":
        statement = _counted(Event.id, Event.title, Event.starts_at).select_from(Event)
        keys = (Event.id, Event.title, Event.starts_at)
        order = (Event.starts_at.desc(), Event.id)
    elif name == "country":
        statement = _counted(Member.country).select_from(Event)
        keys, order = (Member.country,), (Member.country,)
    elif name == "organisation_kind":
        statement = _counted(Member.organisation_kind).select_from(Event)
        keys, order = (Member.organisation_kind,), (Member.organisation_kind,)
    elif name == "language":
        language = _languages()
        statement = _counted(language.c.value).select_from(Event).join(language, true())
        keys, order = (language.c.value,), (language.c.value,)
    elif name == "month":
        month = _month(Event.starts_at).label("month")
        statement = _counted(month).select_from(Event)
        keys, order = (month,), (month,)
    else:
        raise ValueError(name)
    people = name in ("country", "organisation_kind")
    statement = _joined(statement, member, people_only=people).group_by(*keys).order_by(*order)
    rows = []
    for row in db.session.execute(statement):
        named = name in ("programme", "event")
        rows.append(
            Row(
                key=row[0],
                name=row[1] if named else None,
                figures=_figures(row, suppress),
                extra=row[2] if name == "event" else None,
            )
        )
    return rows


def all_figures(member: Any) -> dict[str, Any]:
    """Totals and every breakdown: 1 + len(BREAKDOWNS) queries."""
    return {
        "totals": totals(member),
        "breakdowns": {name: breakdown(member, name) for name in BREAKDOWNS},
    }
