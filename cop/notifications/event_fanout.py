"""Receivers of the events signals: who hears of a change, a cancellation, a place that
freed up, a new event where they watch. Reminders are cop/notifications/reminders.py.

Each runs in the writer's transaction, adds rows and never commits. Drafts and hidden
events tell nobody; the member who made the change is never told of it
(services.notify leaves the actor out).
"""

from __future__ import annotations

from sqlalchemy import select

from cop import signals
from cop.events import watches
from cop.events.models import Event, EventRegistration, EventState, RegistrationStatus
from cop.extensions import db
from cop.notifications import services
from cop.notifications.event_messages import event_payload
from cop.notifications.models import Kind
from cop.notifications.services import Notice

REGISTERED = (RegistrationStatus.GOING.value, RegistrationStatus.WAITING.value)


def is_told(event: Event) -> bool:
    """Published (or just cancelled) and visible: drafts and hidden events tell nobody."""
    return event.state != EventState.DRAFT and not event.is_hidden


def registered_ids(event: Event) -> list[int]:
    """Members going or waiting (one query)."""
    return list(
        db.session.scalars(
            select(EventRegistration.member_id)
            .where(
                EventRegistration.event_id == event.id,
                EventRegistration.status.in_(REGISTERED),
                EventRegistration.member_id.is_not(None),
            )
            .order_by(EventRegistration.member_id)
        )
    )


def tell(event: Event, member_ids, kind: Kind, actor, **payload) -> None:
    services.notify(
        [Notice(member_id, kind) for member_id in member_ids],
        actor_id=getattr(actor, "id", None),
        target_type="event",
        target_id=event.id,
        payload=event_payload(event, **payload),
    )


def on_event_changed(event: Event, *, actor=None, changes=frozenset(), **_) -> None:
    """The time, place or link changed: those going and waiting hear what changed."""
    if not changes or event.state != EventState.PUBLISHED or event.is_hidden:
        return
    tell(event, registered_ids(event), Kind.EVENT_CHANGED, actor, changes=sorted(changes))


def on_event_cancelled(event: Event, *, actor=None, **_) -> None:
    if not is_told(event):
        return
    tell(event, registered_ids(event), Kind.EVENT_CHANGED, actor, cancelled=True)


def on_member_promoted(row: EventRegistration, **_) -> None:
    event = row.event
    if row.member_id is None or event.state != EventState.PUBLISHED or event.is_hidden:
        return
    tell(event, [row.member_id], Kind.EVENT_PROMOTED, None)


def on_event_published(event: Event, *, actor=None, **_) -> None:
    """Members watching the event's country or programme hear of it (their email mode
    for new events: a daily digest unless they chose otherwise)."""
    if event.state != EventState.PUBLISHED or event.is_hidden:
        return
    by_reason: dict[str, list[int]] = {"country": [], "programme": []}
    for member_id, reason in sorted(watches.watchers_of(event).items()):
        by_reason[reason].append(member_id)
    if by_reason["country"]:
        tell(event, by_reason["country"], Kind.NEW_EVENT, actor, reason="country")
    if by_reason["programme"]:
        programme = event.programme
        tell(
            event,
            by_reason["programme"],
            Kind.NEW_EVENT,
            actor,
            reason="programme",
            programme_title=programme.title if programme else "",
        )


RECEIVERS = (
    (signals.event_changed, on_event_changed),
    (signals.event_cancelled, on_event_cancelled),
    (signals.member_promoted, on_member_promoted),
    (signals.event_published, on_event_published),
)


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
