"""Events as iCalendar (RFC 5545): one event's file and subscribable feeds.

Built with the `icalendar` library. What calendar applications rely on:

- UID is the event's `uid`, never changed, so an edit updates the same entry;
- SEQUENCE is the event's `sequence`, moved by each change of time, place, link or state,
  so applications replace their copy; DTSTAMP and LAST-MODIFIED are its `updated_at`
  (the same event gives the same bytes: feeds can be answered with a 304);
- DTSTART and DTEND are in the event's own zone (TZID) with a VTIMEZONE built from
  zoneinfo for the years the calendar covers, so a reader's application converts them
  right across daylight-saving changes;
- METHOD is PUBLISH (a published calendar, not an invitation: CANCEL would need the
  ORGANIZER and ATTENDEE of a scheduling message); a cancelled event stays in the feeds
  with STATUS:CANCELLED, so subscribed calendars remove it;
- drafts and hidden events never appear; the online link only in the private feed of a
  member going to the event.

Services here (the private feed's address) add and flush, never commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import icalendar
from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from cop import signals
from cop.events.models import (
    CalendarToken,
    Event,
    EventFormat,
    EventRegistration,
    EventState,
    Programme,
    RegistrationStatus,
    new_calendar_token,
)
from cop.extensions import db
from cop.i18n import isolate
from cop.members.models import Member
from cop.models import utcnow

MIMETYPE = "text/calendar"
PRODID = "-//cop//events//EN"
# Feeds carry upcoming events and those of the past year (calendars keep what they have).
FEED_PAST_DAYS = 365
FEED_LIMIT = 500
# Calendar applications ask again about this often (RFC 7986 REFRESH-INTERVAL).
REFRESH = timedelta(hours=6)
SHOWN_STATES = (EventState.PUBLISHED, EventState.CANCELLED)
FEED_STATUSES = (RegistrationStatus.GOING, RegistrationStatus.WAITING)


# Which events


def is_listed(event: Event) -> bool:
    """Whether an event may appear in a calendar at all (drafts and hidden never)."""
    return event.state in SHOWN_STATES and not event.is_hidden


def _feed_query():
    since = utcnow() - timedelta(days=FEED_PAST_DAYS)
    return (
        select(Event)
        .where(Event.state.in_(SHOWN_STATES), Event.is_hidden.is_(False), Event.ends_at >= since)
        .order_by(Event.starts_at, Event.id)
        .limit(FEED_LIMIT)
    )


def public_events(*, country: str | None = None, programme: Programme | None = None) -> list[Event]:
    """Published and cancelled events of a public feed, earliest first."""
    statement = _feed_query()
    if country is not None:
        statement = statement.where(Event.country == country)
    if programme is not None:
        statement = statement.where(Event.programme_id == programme.id)
    return list(db.session.scalars(statement))


def member_registrations(member: Member) -> list[tuple[Event, RegistrationStatus]]:
    """The events `member` is going to or waiting for, with that status."""
    statement = (
        _feed_query()
        .add_columns(EventRegistration.status)
        .join(EventRegistration, EventRegistration.event_id == Event.id)
        .where(EventRegistration.member_id == member.id)
        .where(EventRegistration.status.in_(FEED_STATUSES))
    )
    return [(event, status) for event, status in db.session.execute(statement)]


# The private feed's address


def member_by_token(token: str) -> Member | None:
    """The member whose private feed `token` opens; None when unknown or revoked."""
    if not token or len(token) > 64:
        return None
    member = db.session.scalar(
        select(Member)
        .join(CalendarToken, CalendarToken.member_id == Member.id)
        .where(CalendarToken.token == token)
    )
    if member is None or member.closed_at is not None:
        return None
    restriction = getattr(member, "restriction", None)
    if restriction is not None and restriction.is_banned:
        return None
    return member


def calendar_token(member: Member) -> CalendarToken | None:
    return db.session.scalar(select(CalendarToken).where(CalendarToken.member_id == member.id))


def renew_calendar_token(member: Member) -> CalendarToken:
    """Give `member` a new private feed address; the old one stops working at once."""
    row = calendar_token(member)
    first = row is None
    if row is None:
        row = CalendarToken(member_id=member.id)
        db.session.add(row)
    row.token = new_calendar_token()
    row.created_at = utcnow()
    db.session.flush()
    signals.calendar_address_renewed.send(member, first=first)
    return row


# Building the calendar


def _event_url(event: Event) -> str | None:
    # The event page belongs to the events views; a calendar without it still works.
    if "events.show" not in current_app.view_functions:
        return None
    return url_for("events.show", event_id=event.id, _external=True)


def _location(event: Event) -> str:
    place = ", ".join(part for part in (event.venue, event.address, event.city) if part)
    if event.format == EventFormat.ONLINE or (not place and event.format == EventFormat.MIXED):
        return _("Online")
    if event.format == EventFormat.MIXED:
        # Isolated: the sentence, not the place, sets the line's direction (RFC 5545
        # text is plain; FSI/PDI are Unicode's <bdi>).
        return _("%(place)s and online", place=isolate(place, html=False))
    return place


def _description(event: Event, url: str | None, *, online_link: bool, waiting: bool) -> str:
    parts = []
    if waiting:
        parts.append(_("You are on the waiting list."))
    if event.description:
        parts.append(event.description.strip())
    if online_link and event.online_url:
        parts.append(_("Online link: %(url)s", url=event.online_url))
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def vevent(event: Event, *, online_link: bool = False, waiting: bool = False) -> icalendar.Event:
    """One VEVENT; `online_link` only for a member going to the event."""
    zone = ZoneInfo(event.timezone)
    url = _event_url(event)
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("sequence", event.sequence)
    component.add("dtstamp", event.updated_at)
    component.add("created", event.created_at)
    component.add("last-modified", event.updated_at)
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", event.title)
    if event.state == EventState.CANCELLED:
        status = "CANCELLED"
    else:
        status = "TENTATIVE" if waiting else "CONFIRMED"
    component.add("status", status)
    location = _location(event)
    if location:
        component.add("location", location)
    description = _description(event, url, online_link=online_link, waiting=waiting)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    return component


def _years(events: Sequence[Event]) -> tuple[date, date]:
    """The span the VTIMEZONEs must cover: the events' own, a year either side."""
    first = min(event.starts_at for event in events)
    last = max(event.ends_at for event in events)
    return date(first.year - 1, 1, 1), date(last.year + 2, 1, 1)


def calendar(name: str, components: Iterable[tuple[Event, icalendar.Event]]) -> bytes:
    """A VCALENDAR of the given (event, VEVENT) pairs with their VTIMEZONEs, as bytes."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    pairs = list(components)
    for _event, component in pairs:
        cal.add_component(component)
    if pairs:
        first, last = _years([event for event, _component in pairs])
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def event_calendar(event: Event) -> bytes:
    return calendar(event.title, [(event, vevent(event))])


def public_calendar(name: str, events: Iterable[Event]) -> bytes:
    return calendar(name, ((event, vevent(event)) for event in events))


def member_calendar(name: str, rows: Iterable[tuple[Event, RegistrationStatus]]) -> bytes:
    """A member's own feed: the online link for the events they are going to."""
    return calendar(
        name,
        (
            (
                event,
                vevent(
                    event,
                    online_link=status == RegistrationStatus.GOING,
                    waiting=status == RegistrationStatus.WAITING,
                ),
            )
            for event, status in rows
        ),
    )
