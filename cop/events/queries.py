"""Read-only selects for the events pages: lists, the month, the event's surroundings."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, String, and_, bindparam, cast, or_, select, true
from sqlalchemy.orm import joinedload, lazyload, selectinload

from cop.events.models import (
    Event,
    EventFormat,
    EventRegistration,
    EventState,
    Programme,
    RegistrationStatus,
)
from cop.events.permissions import organises_event
from cop.extensions import db
from cop.models import utcnow
from cop.permissions import is_admin, is_member, is_moderator
from cop.threads.models import Category, Thread


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    format: EventFormat | None = None
    language: str | None = None
    programme_id: int | None = None
    past: bool = False  # the past events, newest first, instead of the upcoming ones


def visible_events(member) -> Select:
    """Events `member` may see in lists: published or cancelled ones, not hidden, plus
    drafts and hidden ones they organise (admins: every draft; moderators: hidden)."""
    hidden_from_them = []
    if not is_admin(member):
        hidden_from_them.append(Event.state != EventState.DRAFT)
    if not is_moderator(member):
        hidden_from_them.append(Event.is_hidden.is_(False))
    public = and_(true(), *hidden_from_them)
    if is_member(member):
        return select(Event).where(or_(public, organises_event(member)))
    return select(Event).where(public)


def _filtered(member, filters: Filters, now: datetime) -> Select:
    statement = visible_events(member)
    if filters.country:
        statement = statement.where(Event.country == filters.country)
    if filters.format:
        statement = statement.where(Event.format == filters.format)
    if filters.language:
        # A content language or one of the delivery languages (a JSON list: matched as
        # text, the codes being short and quoted: '"ar"').
        statement = statement.where(
            or_(
                Event.language == filters.language,
                cast(Event.delivery_languages, String).contains(f'"{filters.language}"'),
            )
        )
    if filters.programme_id:
        statement = statement.where(Event.programme_id == filters.programme_id)
    if filters.past:
        return statement.where(Event.ends_at <= now).order_by(Event.starts_at.desc(), Event.id)
    return statement.where(Event.ends_at > now).order_by(Event.starts_at, Event.id)


def find_events(member, filters: Filters, *, page: int, per_page: int):
    """A page of events (Flask-SQLAlchemy Pagination), programmes loaded with them."""
    statement = _filtered(member, filters, utcnow()).options(selectinload(Event.programme))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month in UTC, widened by a day on each side so every zone's days are in."""
    first = datetime(year, month, 1, tzinfo=UTC)
    days = calendar.monthrange(year, month)[1]
    return first - timedelta(days=1), first + timedelta(days=days + 1)


def events_between(member, start: datetime, end: datetime, filters: Filters) -> list[Event]:
    statement = visible_events(member).where(Event.starts_at < end, Event.ends_at > start)
    if filters.country:
        statement = statement.where(Event.country == filters.country)
    if filters.programme_id:
        statement = statement.where(Event.programme_id == filters.programme_id)
    return list(db.session.scalars(statement.order_by(Event.starts_at, Event.id)))


def programmes() -> list[Programme]:
    return list(db.session.scalars(select(Programme).order_by(Programme.title)))


def countries_with_events() -> list[str]:
    statement = select(Event.country).where(Event.country.is_not(None)).distinct()
    return sorted(db.session.scalars(statement))


@functools.cache
def _event_statement(with_lists: bool) -> Select:
    # Built once a process, on first use (the loader options need every model mapped):
    # an event's page asks on every view, and building costs more than running it.
    # In the same query: the programme and the thread (the page shows the thread's
    # link, not its table).
    options = [
        joinedload(Event.programme),
        joinedload(Event.thread).options(lazyload(Thread.category)),
    ]
    if with_lists:
        options += [selectinload(Event.organisers), selectinload(Event.resources)]
    return select(Event).where(Event.id == bindparam("event_id")).options(*options)


def load_event(event_id: int, *, with_lists: bool = True) -> Event | None:
    """The event, its programme and thread; its organisers and resources too unless
    `with_lists` is False (the event page loads them only when its region is rendered)."""
    return db.session.scalar(_event_statement(with_lists), {"event_id": event_id})


def registrations(event: Event) -> list[EventRegistration]:
    """Going first, then the waiting list in its order, then those not going."""
    order = {RegistrationStatus.GOING: 0, RegistrationStatus.WAITING: 1}
    rows = db.session.scalars(
        select(EventRegistration)
        .where(EventRegistration.event_id == event.id)
        .options(selectinload(EventRegistration.member))
        .order_by(EventRegistration.registered_at, EventRegistration.id)
    )
    return sorted(rows, key=lambda row: order.get(row.status, 2))


def discussion_tables() -> list[Category]:
    """The tables a published event's discussion can open in (not archived)."""
    statement = select(Category).where(Category.is_archived.is_(False))
    return list(db.session.scalars(statement.order_by(Category.position)))


def today_in(timezone_name: str) -> date:
    from cop.events.times import zone

    return utcnow().astimezone(zone(timezone_name)).date()


def next_events(limit: int = 5) -> list[Event]:
    """The next published events, not hidden, soonest first (the home page's): the same
    for every reader, so a cached region may show them."""
    statement = (
        select(Event)
        .where(
            Event.state == EventState.PUBLISHED,
            Event.is_hidden.is_(False),
            Event.ends_at > utcnow(),
        )
        .options(selectinload(Event.programme))
        .order_by(Event.starts_at, Event.id)
        .limit(limit)
    )
    return list(db.session.scalars(statement))
