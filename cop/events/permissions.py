"""Who may do what with events, in the style of cop/permissions.py.

Each function takes the member (or an anonymous user, or None) first and answers True
or False; views abort with 403 or 404 on False. Organising needs the database (who
organises which event, who holds an organiser role for which country), so these live
in the events package rather than the core module.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, or_, select, true

from cop.events.models import Event, EventOrganiser, EventState, OrganiserRole, Programme
from cop.extensions import db
from cop.permissions import (
    can_administer,
    can_moderate,
    can_write,
    is_admin,
    is_member,
    is_moderator,
)


def organiser_countries(member: Any) -> list[str]:
    """The countries `member` may create events for (through organiser roles)."""
    if not is_member(member):
        return []
    statement = select(OrganiserRole.country).where(OrganiserRole.member_id == member.id)
    return sorted(db.session.scalars(statement))


def can_create_event(member: Any, country: str | None = None) -> bool:
    """Admins anywhere; members with an organiser role for `country` (any, if None).
    An online-only event (no country) needs any organiser role."""
    if not can_write(member):
        return False
    if is_admin(member):
        return True
    countries = organiser_countries(member)
    return bool(countries) if country is None else country in countries


def organised_by(member: Any) -> Select:
    """The ids of the events `member` organises (a subquery for `Event.id.in_`)."""
    return select(EventOrganiser.event_id).where(EventOrganiser.member_id == member.id)


def organises_event(member: Any) -> ColumnElement[bool]:
    """True for the rows of Event that `member` organises (a correlated EXISTS)."""
    return exists().where(
        EventOrganiser.event_id == Event.id, EventOrganiser.member_id == member.id
    )


# Built once: an event's page asks on every view (building costs more than running).
_ORGANISES = select(
    exists().where(
        EventOrganiser.event_id == bindparam("event_id"),
        EventOrganiser.member_id == bindparam("member_id"),
    )
)


def is_organiser(member: Any, event: Event) -> bool:
    if not is_member(member):
        return False
    found = db.session.connection().scalar(
        _ORGANISES, {"event_id": event.id, "member_id": member.id}
    )
    return bool(found)


def organiser_count(event: Event) -> int:
    statement = select(func.count()).where(EventOrganiser.event_id == event.id)
    return int(db.session.scalar(statement) or 0)


def can_see_event(member: Any, event: Event) -> bool:
    """Drafts: organisers and admins. Hidden events: organisers and moderators."""
    if event.is_hidden and not (is_moderator(member) or is_organiser(member, event)):
        return False
    if event.state == EventState.DRAFT:
        return is_admin(member) or is_organiser(member, event)
    return True


def can_edit_event(member: Any, event: Event, *, organiser: bool | None = None) -> bool:
    """Organisers of the event and admins, while it is not cancelled. `organiser`:
    is_organiser(member, event) when the caller knows it already (one query less)."""
    if not can_write(member) or event.state == EventState.CANCELLED:
        return False
    if can_administer(member):
        return True
    return is_organiser(member, event) if organiser is None else organiser


def can_manage_registrations(member: Any, event: Event, *, organiser: bool | None = None) -> bool:
    """See, export and mark attendance: organisers of the event and admins."""
    if not can_write(member):
        return False
    if can_administer(member):
        return True
    return is_organiser(member, event) if organiser is None else organiser


def can_register(member: Any) -> bool:
    """Signed in and allowed to write (the event's own state is asked separately)."""
    return can_write(member)


def can_hide_event(member: Any) -> bool:
    return can_moderate(member)


def can_manage_organiser_roles(member: Any) -> bool:
    return can_administer(member)


def may_see_figures(member: Any) -> bool:
    """Administrators, and members who organise events (or may create them)."""
    if not can_write(member):
        return False
    if can_administer(member):
        return True
    organises = exists().where(EventOrganiser.member_id == member.id)
    has_role = exists().where(OrganiserRole.member_id == member.id)
    return bool(db.session.scalar(select(or_(organises, has_role))))


def figures_scope(member: Any) -> ColumnElement[bool]:
    """The events whose figures `member` sees: every one for administrators, else those
    they organise."""
    if can_administer(member):
        return true()
    return Event.id.in_(organised_by(member))


def can_create_programme(member: Any) -> bool:
    """Those who may create events (admins, members with an organiser role) may group
    them in a new programme."""
    return can_create_event(member)


def can_edit_programme(member: Any, programme: Programme) -> bool:
    """Admins; the member who created it, while they may still create events."""
    if not can_write(member):
        return False
    if can_administer(member):
        return True
    return programme.created_by_id == member.id and can_create_event(member)


def can_manage_team(member: Any, event: Event) -> bool:
    """Add or remove co-organisers, link or unlink materials: the event's organisers and
    admins, whatever its state (recordings are linked after it; a cancelled event's
    team still answers for it)."""
    return can_manage_registrations(member, event)
