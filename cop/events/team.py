"""An event's team and its materials: co-organisers and linked library resources.

The organisers of an event (and admins) add any active member as a co-organiser and
remove one, but never the last: an event always has someone to answer for it. They
link library resources they can see and that are not removed (agenda, slides,
recordings) and unlink them. Each change sends a signal for the audit log.

Services add and flush; they never commit and never touch `request`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import aliased

from cop import signals
from cop.contentversion import note_changed
from cop.database import insert_ignore
from cop.events.models import Event, EventOrganiser, EventResource
from cop.events.permissions import is_organiser
from cop.extensions import db
from cop.members.models import Member
from cop.permissions import can_see_resource, can_write
from cop.resources.models import Resource

logger = logging.getLogger(__name__)

HANDLE_MAX = 60
REFERENCE_MAX = 2000
# A resource's address: /resources/<id>, with or without the site and anything after.
RESOURCE_PATH = re.compile(r"^(?:https?://[^/\s]+)?/resources/(\d{1,12})(?:[/?#].*)?$")


class LastOrganiser(Exception):
    """Removing this organiser would leave the event without one."""


def _lock(event: Event) -> None:
    """PostgreSQL: one change of this event's team at a time, until commit (SQLite runs
    one writer at a time already)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def find_active_member(handle: str) -> Member | None:
    """The member with this handle ("@" allowed) who may still act: not closed, not
    suspended, not banned."""
    handle = handle.strip().removeprefix("@").lower()[:HANDLE_MAX]
    if not handle:
        return None
    member = db.session.scalar(
        select(Member).where(Member.handle == handle, Member.closed_at.is_(None))
    )
    return member if member is not None and can_write(member) else None


def add_co_organiser(event: Event, member: Member, *, actor: Member) -> bool:
    """True if `member` is new to the team (a double press adds them once)."""
    added = insert_ignore(
        EventOrganiser, ["event_id", "member_id"], event_id=event.id, member_id=member.id
    )
    db.session.expire(event, ["organisers"])
    if added is None:
        return False
    note_changed(db.session, "events")
    signals.event_organiser_added.send(event, actor=actor, member=member)
    logger.info("member %s made %s an organiser of event %s", actor.id, member.id, event.id)
    return True


def remove_co_organiser(event: Event, member: Member, *, actor: Member) -> bool:
    """False if `member` was not an organiser; LastOrganiser if they are the only one.
    The DELETE counts the others in the same statement, under the event's lock."""
    _lock(event)
    others = aliased(EventOrganiser)
    remaining = (
        select(func.count())
        .select_from(others)
        .where(others.event_id == event.id, others.member_id != member.id)
        .scalar_subquery()
    )
    result = db.session.execute(
        delete(EventOrganiser).where(
            EventOrganiser.event_id == event.id,
            EventOrganiser.member_id == member.id,
            remaining > 0,
        )
    )
    db.session.expire(event, ["organisers"])
    if not result.rowcount:
        if is_organiser(member, event):
            raise LastOrganiser
        return False
    note_changed(db.session, "events")
    signals.event_organiser_removed.send(event, actor=actor, member=member)
    logger.info(
        "member %s removed %s from the organisers of event %s", actor.id, member.id, event.id
    )
    return True


def resource_id_in(reference: str) -> int | None:
    """The resource id a member typed: "42", "#42", or the resource's address."""
    text = reference.strip()[:REFERENCE_MAX].removeprefix("#")
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    match = RESOURCE_PATH.match(text)
    return int(match.group(1)) if match else None


def linkable_resource(reference: str, member: Any) -> Resource | None:
    """The resource `reference` names, if `member` can see it and it is not removed."""
    resource_id = resource_id_in(reference)
    if resource_id is None:
        return None
    resource = db.session.get(Resource, resource_id)
    if resource is None or resource.is_removed or not can_see_resource(member, resource):
        return None
    return resource


def link_material(event: Event, resource: Resource, *, actor: Member) -> bool:
    """True if the link is new (a double press links once)."""
    added = insert_ignore(
        EventResource, ["event_id", "resource_id"], event_id=event.id, resource_id=resource.id
    )
    db.session.expire(event, ["resources"])
    if added is None:
        return False
    note_changed(db.session, "events")
    signals.event_resource_linked.send(event, actor=actor, resource=resource)
    logger.info("member %s linked resource %s to event %s", actor.id, resource.id, event.id)
    return True


def unlink_material(event: Event, resource: Resource, *, actor: Member) -> bool:
    """False if it was not linked (a double press unlinks once)."""
    result = db.session.execute(
        delete(EventResource).where(
            EventResource.event_id == event.id, EventResource.resource_id == resource.id
        )
    )
    db.session.expire(event, ["resources"])
    if not result.rowcount:
        return False
    note_changed(db.session, "events")
    signals.event_resource_unlinked.send(event, actor=actor, resource=resource)
    logger.info("member %s unlinked resource %s from event %s", actor.id, resource.id, event.id)
    return True
