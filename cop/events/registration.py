"""Going, not going, the waiting list and attendance.

Places are counted in the database, under a lock, so 30 members pressing "Register"
at once for the last 10 places end with exactly 10 going and 20 waiting:

- on PostgreSQL the event's row is locked first (SELECT ... FOR UPDATE), so the
  registrations of one event run one after the other, each counting the places
  taken by those committed before it;
- on SQLite the registration is one INSERT ... ON CONFLICT whose status is computed
  by a subquery counting the places taken: SQLite runs one writer at a time, and the
  statement is that writer's first, so it counts what every earlier one committed.

The waiting list is ordered by registered_at (then id). When a place frees (someone
cancels, the capacity grows), the first waiting members are promoted in that order
and member_promoted is sent for each, so a notice can tell them.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import and_, bindparam, case, func, select, update
from sqlalchemy.orm import aliased

from cop import signals
from cop.contentversion import note_changed
from cop.database import dialect_insert
from cop.events.models import Event, EventRegistration, EventState, RegistrationStatus
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)

GOING, WAITING, CANCELLED = (
    RegistrationStatus.GOING,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
)


class RegistrationClosed(Exception):
    """The event takes no registrations now (draft, cancelled, started, deadline)."""


def is_open(event: Event, now: datetime | None = None) -> bool:
    """Registration is open for published events until the deadline and the start."""
    now = now or utcnow()
    if event.state != EventState.PUBLISHED or event.is_hidden or event.starts_at <= now:
        return False
    return event.registration_deadline is None or now < event.registration_deadline


# Built once (an event's page asks both on every view; building costs more than running).
_COUNTS = (
    select(EventRegistration.status, func.count())
    .where(EventRegistration.event_id == bindparam("event_id"))
    .group_by(EventRegistration.status)
)
_REGISTRATION = select(EventRegistration).where(
    EventRegistration.event_id == bindparam("event_id"),
    EventRegistration.member_id == bindparam("member_id"),
)


def counts(event: Event) -> dict[RegistrationStatus, int]:
    """Registrations by status (one query)."""
    rows = db.session.connection().execute(_COUNTS, {"event_id": event.id})
    found = dict.fromkeys(RegistrationStatus, 0)
    found.update({RegistrationStatus(status): number for status, number in rows})
    return found


def places_left(event: Event, going: int) -> int | None:
    """None when the event has no limit."""
    return None if event.capacity is None else max(event.capacity - going, 0)


def registration_of(event: Event, member) -> EventRegistration | None:
    if not getattr(member, "is_authenticated", False):
        return None
    return db.session.scalar(_REGISTRATION, {"event_id": event.id, "member_id": member.id})


def _lock(event: Event) -> None:
    """PostgreSQL: one registration change of this event at a time, until commit."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def _status_for_newcomer(event: Event):
    """GOING while places remain (counted in the statement itself), else WAITING."""
    if event.capacity is None:
        return GOING.value
    taken = aliased(EventRegistration)
    going = (
        select(func.count())
        .select_from(taken)
        .where(taken.event_id == event.id, taken.status == GOING.value)
        .scalar_subquery()
    )
    return case((going < event.capacity, GOING.value), else_=WAITING.value)


def register(
    event: Event, member: Member, *, answer_1: str | None = None, answer_2: str | None = None
) -> EventRegistration:
    """Going if a place is left, else on the waiting list. Registering again while going
    or waiting keeps the place (and its order) and only updates the answers."""
    if not is_open(event):
        raise RegistrationClosed
    _lock(event)
    now = utcnow()
    previous = db.session.scalar(
        select(EventRegistration.status).where(
            EventRegistration.event_id == event.id, EventRegistration.member_id == member.id
        )
    )
    table = EventRegistration.__table__
    statement = dialect_insert(EventRegistration).values(
        event_id=event.id,
        member_id=member.id,
        status=_status_for_newcomer(event),
        answer_1=answer_1,
        answer_2=answer_2,
        registered_at=now,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=["event_id", "member_id"],
        set_={
            # A returning member queues anew: the place goes to whoever waited.
            "status": case(
                (table.c.status == CANCELLED.value, _status_for_newcomer(event)),
                else_=table.c.status,
            ),
            "registered_at": case(
                (table.c.status == CANCELLED.value, now), else_=table.c.registered_at
            ),
            "answer_1": statement.excluded.answer_1,
            "answer_2": statement.excluded.answer_2,
            "updated_at": now,
        },
    )
    db.session.execute(statement)
    note_changed(db.session, "events")
    row = registration_of(event, member)
    db.session.refresh(row)
    if previous is None or RegistrationStatus(previous) != row.status:
        signals.registration_changed.send(
            row, status=row.status.value, previous=previous and RegistrationStatus(previous).value
        )
        logger.info("member %s is %s for event %s", member.id, row.status.value, event.id)
    return row


def unregister(event: Event, member: Member) -> bool:
    """Not going (any more): the place goes to the first on the waiting list. False if
    the member was not registered."""
    _lock(event)
    row = registration_of(event, member)
    if row is None or row.status == CANCELLED:
        return False
    result = db.session.execute(
        update(EventRegistration)
        .where(EventRegistration.id == row.id, EventRegistration.status != CANCELLED.value)
        .values(status=CANCELLED.value, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # a second press, already cancelled
        return False
    previous = row.status
    db.session.refresh(row)
    note_changed(db.session, "events")
    signals.registration_changed.send(row, status=CANCELLED.value, previous=previous.value)
    logger.info("member %s is not going to event %s", member.id, event.id)
    if previous == GOING:
        promote_waiting(event)
    return True


def promote_waiting(event: Event) -> list[EventRegistration]:
    """Fill the free places from the waiting list, first come first served."""
    if event.state == EventState.CANCELLED:
        return []
    _lock(event)
    going = counts(event)[GOING]
    free = None if event.capacity is None else event.capacity - going
    if free is not None and free <= 0:
        return []
    waiting = select(EventRegistration).where(
        EventRegistration.event_id == event.id, EventRegistration.status == WAITING.value
    )
    waiting = waiting.order_by(EventRegistration.registered_at, EventRegistration.id)
    promoted = list(db.session.scalars(waiting if free is None else waiting.limit(free)))
    now = utcnow()
    for row in promoted:
        row.status = GOING
        row.promoted_at = now
    db.session.flush()
    for row in promoted:
        signals.member_promoted.send(row)
        logger.info("member %s promoted to going for event %s", row.member_id, event.id)
    return promoted


def mark_attendance(event: Event, *, actor: Member, attended: dict[int, bool | None]) -> int:
    """Organisers mark who came, after the start ({registration id: True/False/None}).
    Only registrations of this event that are or were going count; how many changed."""
    if event.starts_at > utcnow():
        return 0
    rows = db.session.scalars(
        select(EventRegistration).where(
            and_(
                EventRegistration.event_id == event.id,
                EventRegistration.id.in_(list(attended)),
            )
        )
    )
    changed = 0
    for row in rows:
        if row.attended != attended[row.id]:
            row.attended = attended[row.id]
            changed += 1
    db.session.flush()
    signals.attendance_marked.send(event, actor=actor, count=changed)
    return changed
