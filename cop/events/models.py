"""Workshops and webinars: programmes, events, their organisers and registrations."""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.members.models import Member
from cop.models import UTCDateTime, utcnow
from cop.resources.models import Resource
from cop.threads.models import Thread
from cop.versions import version_column

TITLE_MAX = 200
PLACE_MAX = 200
URL_MAX = 2000
QUESTION_MAX = 300
ANSWER_MAX = 1000


class EventFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    MIXED = "mixed"


class EventState(enum.StrEnum):
    DRAFT = "draft"  # seen by its organisers and admins only
    PUBLISHED = "published"
    CANCELLED = "cancelled"  # kept, so registrants and calendars learn of it


class RegistrationStatus(enum.StrEnum):
    GOING = "going"
    WAITING = "waiting"  # promoted in registered_at order when a place frees
    CANCELLED = "cancelled"  # "not going": the row stays, so a return is an update


def _str_enum(kind: type[enum.StrEnum], length: int = 16) -> Enum:
    return Enum(
        kind, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


def new_event_uid() -> str:
    # RFC 5545 UID: globally unique and never changed, so calendars update the same entry.
    return f"{uuid.uuid4()}@cop"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Programme(db.Model):
    """A training programme (its modules, its national workshops) grouping events."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(10))  # language the text is written in
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )

    created_by: Mapped[Member | None] = relationship()

    def __repr__(self) -> str:
        return f"<Programme {self.slug}>"


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        # The events page: upcoming (starts_at ahead) and past, published only.
        Index("ix_events_listing", "state", "starts_at"),
        Index("ix_events_country", "country"),
        Index("ix_events_programme", "programme_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    # The language the title and description are written in (not the interface's).
    language: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Sanitized by cop.sanitize when the description is saved, never at display.
    description_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166; None when online only
    city: Mapped[str] = mapped_column(String(PLACE_MAX), default="", server_default="")
    venue: Mapped[str] = mapped_column(String(PLACE_MAX), default="", server_default="")
    address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Shown only to members going and to organisers.
    online_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    format: Mapped[EventFormat] = mapped_column(_str_enum(EventFormat))
    # Languages the event is held in (codes), which may differ from `language`.
    delivery_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # IANA name: the forms speak the event's local time, readers see their own beside it.
    timezone: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "past" is not a state: it is ends_at before now, computed when shown.
    state: Mapped[EventState] = mapped_column(
        _str_enum(EventState), default=EventState.DRAFT, server_default=EventState.DRAFT.value
    )
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("threads.id", ondelete="SET NULL"), unique=True
    )
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=new_event_uid)
    # iCalendar SEQUENCE: moves with each change of time, place, link or state, so
    # calendar clients replace their copy.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = version_column()  # cop.versions: a stale edit form is refused
    question_1: Mapped[str | None] = mapped_column(String(QUESTION_MAX))
    question_2: Mapped[str | None] = mapped_column(String(QUESTION_MAX))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    programme: Mapped[Programme | None] = relationship()
    created_by: Mapped[Member | None] = relationship(foreign_keys=[created_by_id])
    thread: Mapped[Thread | None] = relationship(foreign_keys=[thread_id])
    organisers: Mapped[list[Member]] = relationship(
        secondary="event_organisers", order_by=Member.display_name, viewonly=True
    )
    resources: Mapped[list[Resource]] = relationship(
        secondary="event_resources", order_by=Resource.title, viewonly=True
    )

    def is_past(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or utcnow())

    def __repr__(self) -> str:
        return f"<Event {self.id}>"


class EventOrganiser(db.Model):
    """A member who organises one event: edits it, sees and exports its registrations."""

    __tablename__ = "event_organisers"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class OrganiserRole(db.Model):
    """Granted by an admin: this member may create events in this country."""

    __tablename__ = "organiser_roles"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    member: Mapped[Member] = relationship(foreign_keys=[member_id])


class EventRegistration(db.Model):
    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "member_id"),
        # The waiting list's order and the count of places taken.
        Index("ix_event_registrations_queue", "event_id", "status", "registered_at"),
        # A member's own registrations (their calendar feed, their profile).
        Index("ix_event_registrations_member", "member_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # SET NULL: a closed account's registrations stay, anonymous, in the figures.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    status: Mapped[RegistrationStatus] = mapped_column(_str_enum(RegistrationStatus))
    answer_1: Mapped[str | None] = mapped_column(String(ANSWER_MAX))
    answer_2: Mapped[str | None] = mapped_column(String(ANSWER_MAX))
    attended: Mapped[bool | None] = mapped_column(Boolean)  # None: not marked yet
    # When the member last asked for a place: the waiting list's order.
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set once by the reminder command (cop.database.set_flag_once style): never twice.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()
    member: Mapped[Member | None] = relationship()

    def __repr__(self) -> str:
        return f"<EventRegistration {self.event_id}:{self.member_id} {self.status}>"


class EventResource(db.Model):
    """A library resource linked to an event: agenda, slides, recording."""

    __tablename__ = "event_resources"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CalendarToken(db.Model):
    """The secret in a member's private calendar feed address; replaced to revoke it."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), unique=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_calendar_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
