"""A member's events, as the members package shows, exports and closes them.

Registered in cop.events.init_app (see cop.members.contributions):

- the profile's "Events organised" list, and "Events attended" only when the member
  chose to show it (`Member.show_events_attended`, off by default, on the preferences
  page); drafts and hidden events are never listed;
- the "events" part of the data export: registrations with the questions and the
  member's answers, attendance, events organised, organiser roles, and the private
  calendar address (the member's own data: it is in the export; renewing it from the
  calendar page revokes it);
- closing an account: places in events still to come are given up (the waiting list
  moves), then every registration is anonymized (member cleared, answers wiped) so the
  participation figures keep it; the calendar address and the organiser roles are
  removed; the events the member organised stay, with their other organisers.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from cop.contentversion import note_changed
from cop.events import registration
from cop.events.models import (
    CalendarToken,
    Event,
    EventOrganiser,
    EventRegistration,
    EventState,
    OrganiserRole,
    RegistrationStatus,
)
from cop.extensions import db
from cop.members.contributions import (
    ActivitySection,
    ExportPart,
    iso,
    register_activity_section,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member
from cop.models import utcnow

LISTED_STATES = (EventState.PUBLISHED.value, EventState.CANCELLED.value)


def register() -> None:
    register_activity_section(
        ActivitySection("events", _l("Events organised"), "events.show", "event_id",
                        events_organised, order=40)
    )  # fmt: skip
    register_activity_section(
        ActivitySection("attended", _l("Events attended"), "events.show", "event_id",
                        events_attended, order=45, shown=shows_attended)
    )  # fmt: skip
    register_export_part("events", events_part, order=40)
    register_closing_step(close_member)


# The profile's lists: what every reader may see (no drafts, nothing hidden)


def _listed() -> tuple:
    return (Event.state.in_(LISTED_STATES), Event.is_hidden.is_(False))


def events_organised(member: Member):
    mine = EventOrganiser.member_id == member.id
    return (
        select(func.count(Event.id)).join(EventOrganiser).where(mine, *_listed()),
        select(Event.id, Event.title, Event.starts_at.label("created_at"))
        .join(EventOrganiser)
        .where(mine, *_listed())
        .order_by(Event.starts_at.desc(), Event.id.desc()),
    )


def shows_attended(member: Member) -> bool:
    return bool(member.show_events_attended)


def events_attended(member: Member):
    came = (
        EventRegistration.member_id == member.id,
        EventRegistration.attended.is_(True),
        Event.state == EventState.PUBLISHED.value,
        Event.is_hidden.is_(False),
    )
    return (
        select(func.count(Event.id)).join(EventRegistration.event).where(*came),
        select(Event.id, Event.title, Event.starts_at.label("created_at"))
        .join(EventRegistration.event)
        .where(*came)
        .order_by(Event.starts_at.desc(), Event.id.desc()),
    )


# The data export


def events_part(member: Member) -> ExportPart | None:
    rows = db.session.execute(
        select(EventRegistration, Event)
        .join(EventRegistration.event)
        .where(EventRegistration.member_id == member.id)
        .order_by(EventRegistration.id)
    ).all()
    organised = db.session.execute(
        select(Event.id, Event.title, Event.state, Event.starts_at, Event.is_hidden)
        .join(EventOrganiser)
        .where(EventOrganiser.member_id == member.id)
        .order_by(Event.id)
    ).all()
    roles = db.session.scalars(
        select(OrganiserRole).where(OrganiserRole.member_id == member.id)
    ).all()
    token = db.session.scalar(select(CalendarToken).where(CalendarToken.member_id == member.id))
    if not (rows or organised or roles or token):
        return None
    return ExportPart(
        "events",
        {
            "registrations": [_registration(row, event) for row, event in rows],
            "events_organised": [
                {"event_id": e.id, "title": e.title, "state": str(e.state.value),
                 "starts_at": iso(e.starts_at), "is_hidden": e.is_hidden}
                for e in organised
            ],
            "organiser_roles": [
                {"country": r.country, "granted_at": iso(r.created_at)} for r in roles
            ],
            "private_calendar": {
                "exists": token is not None,
                "token": token.token if token else None,
                "created_at": iso(token.created_at) if token else None,
            },
        },
    )  # fmt: skip


def _registration(row: EventRegistration, event: Event) -> dict:
    return {
        "event_id": event.id,
        "event_title": event.title,
        "event_starts_at": iso(event.starts_at),
        "status": str(row.status.value),
        "registered_at": iso(row.registered_at),
        "promoted_at": iso(row.promoted_at),
        "reminded_at": iso(row.reminded_at),
        "attended": row.attended,
        "answers": [
            {"question": question, "answer": answer}
            for question, answer in ((event.question_1, row.answer_1),
                                     (event.question_2, row.answer_2))
            if question or answer
        ],
    }  # fmt: skip


# Closing an account


def close_member(member: Member, *, delete_posts: bool) -> None:
    """Give up places still to come, anonymize the registrations, drop the calendar
    address and the organiser roles. `delete_posts` does not concern events."""
    upcoming = db.session.scalars(
        select(Event)
        .join(EventRegistration, EventRegistration.event_id == Event.id)
        .where(
            EventRegistration.member_id == member.id,
            EventRegistration.status != RegistrationStatus.CANCELLED.value,
            Event.starts_at > utcnow(),
        )
    ).all()
    for event in upcoming:
        registration.unregister(event, member)
    db.session.execute(
        update(EventRegistration)
        .where(EventRegistration.member_id == member.id)
        .values(member_id=None, answer_1=None, answer_2=None, updated_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    for model in (CalendarToken, OrganiserRole, EventOrganiser):
        db.session.execute(
            delete(model).where(model.member_id == member.id),
            execution_options={"synchronize_session": False},
        )
    note_changed(db.session, "events")  # bulk statements: the figures and lists moved
    db.session.flush()
