"""Reminders of the events members are going to, sent by `flask cop send-notifications`.

A registration is due its reminder when the member is going, the event is published,
visible, not started, and starts within EVENT_REMINDER_HOURS (24 by default). So a
member who registers (or is promoted) inside that window still gets one, at the next
run, as long as the event has not started.

Never twice for the same time: each registration is claimed by one conditional UPDATE that sets
`reminded_at` only where it is still empty (the cop.database.set_flag_once way), in a
transaction of its own whose first statement it is; the notice is added in that
transaction and committed with it. Two runs at once: the second UPDATE waits for the
first's commit (a PostgreSQL row lock, SQLite's one writer), then changes nothing.
The notice follows the member's email choice for reminders (at once, by default).

An event moved beyond the window after its reminders went (next week instead of
tomorrow) is reminded again before its new time: the change clears `reminded_at`
(rearm). A move inside the window clears nothing: the change notice told them.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Select, select, update

from cop import signals
from cop.events.models import Event, EventRegistration, EventState, RegistrationStatus
from cop.extensions import db
from cop.models import utcnow
from cop.notifications.event_fanout import tell
from cop.notifications.models import Kind

logger = logging.getLogger(__name__)


def lead_time() -> timedelta:
    return timedelta(hours=float(current_app.config.get("EVENT_REMINDER_HOURS", 24)))


def _remindable_events(now: datetime) -> Select:
    return select(Event.id).where(
        Event.state == EventState.PUBLISHED,
        Event.is_hidden.is_(False),
        Event.starts_at > now,
        Event.starts_at <= now + lead_time(),
    )


def due_ids(now: datetime) -> list[int]:
    """Registrations due a reminder now, oldest event first."""
    statement = (
        select(EventRegistration.id)
        .join(Event, Event.id == EventRegistration.event_id)
        .where(
            EventRegistration.status == RegistrationStatus.GOING.value,
            EventRegistration.reminded_at.is_(None),
            EventRegistration.member_id.is_not(None),
            Event.id.in_(_remindable_events(now)),
        )
        .order_by(Event.starts_at, EventRegistration.id)
    )
    return list(db.session.scalars(statement))


def claim(registration_id: int, now: datetime) -> bool:
    """Set `reminded_at` if it is still empty and the reminder still due; True only for
    the one caller that set it."""
    result = db.session.execute(
        update(EventRegistration)
        .where(
            EventRegistration.id == registration_id,
            EventRegistration.reminded_at.is_(None),
            EventRegistration.status == RegistrationStatus.GOING.value,
            EventRegistration.event_id.in_(_remindable_events(now)),
        )
        .values(reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def remind(row: EventRegistration) -> None:
    """Add the reminder notice for this registration (no commit)."""
    tell(row.event, [row.member_id], Kind.EVENT_REMINDER, None)


def send_due_reminders(now: datetime | None = None) -> int:
    """Claim and notify each due registration, one commit each; how many were sent."""
    now = now or utcnow()
    ids = due_ids(now)
    db.session.commit()  # the read ends here: each claim starts its own transaction
    sent = 0
    for registration_id in ids:
        if claim(registration_id, now):
            remind(db.session.get(EventRegistration, registration_id))
            sent += 1
        db.session.commit()
    if sent:
        logger.info("%s event reminders", sent)
    return sent


def rearm(event: Event, *, changes=frozenset(), **_) -> None:
    """Receiver of event_changed: a new time beyond the window asks for a new reminder."""
    if "time" not in changes or event.starts_at <= utcnow() + lead_time():
        return
    db.session.execute(
        update(EventRegistration)
        .where(EventRegistration.event_id == event.id, EventRegistration.reminded_at.is_not(None))
        .values(reminded_at=None)
        .execution_options(synchronize_session=False)
    )


def connect() -> None:
    signals.event_changed.connect(rearm)
