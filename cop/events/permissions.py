"""Who may do what with events, in the style of cop/permissions.py.

Each function takes the member (or an anonymous user, or None) first and answers True
or False; views abort with 403 or 404 on False. Organising needs the database (who
organises which event, who holds an organiser role for which country), so these live
in the events package rather than the core module.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select

from cop.events.models import Event, EventOrganiser, EventState, OrganiserRole
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


def is_organiser(member: Any, event: Event) -> bool:
    if not is_member(member):
        return False
    statement = select(
        exists().where(EventOrganiser.event_id == event.id, EventOrganiser.member_id == member.id)
    )
    return bool(db.session.scalar(statement))


def can_see_event(member: Any, event: Event) -> bool:
    """Drafts: organisers and admins. Hidden events: organisers and moderators."""
    if event.is_hidden and not (is_moderator(member) or is_organiser(member, event)):
        return False
    if event.state == EventState.DRAFT:
        return is_admin(member) or is_organiser(member, event)
    return True


def can_edit_event(member: Any, event: Event) -> bool:
    """Organisers of the event and admins, while it is not cancelled."""
    if not can_write(member) or event.state == EventState.CANCELLED:
        return False
    return can_administer(member) or is_organiser(member, event)


def can_manage_registrations(member: Any, event: Event) -> bool:
    """See, export and mark attendance: organisers of the event and admins."""
    if not can_write(member):
        return False
    return can_administer(member) or is_organiser(member, event)


def can_register(member: Any) -> bool:
    """Signed in and allowed to write (the event's own state is asked separately)."""
    return can_write(member)


def can_hide_event(member: Any) -> bool:
    return can_moderate(member)


def can_manage_organiser_roles(member: Any) -> bool:
    return can_administer(member)
