"""Notifications, email preferences and the digest bookkeeping."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.members.models import Member
from cop.models import UTCDateTime, utcnow


class Kind(enum.StrEnum):
    REPLY = "reply"
    MENTION = "mention"
    QUOTE = "quote"
    NEW_THREAD = "new_thread"
    NEW_VERSION = "new_version"
    MODERATION = "moderation"
    APPROVED = "approved"  # the author's post or thread that waited is published
    # Events (cop/notifications/event_fanout.py, reminders.py)
    EVENT_REMINDER = "event_reminder"  # an event the member is going to starts soon
    EVENT_CHANGED = "event_changed"  # its time, place or link changed, or it is cancelled
    EVENT_PROMOTED = "event_promoted"  # a place freed up: off the waiting list
    NEW_EVENT = "new_event"  # published in a country or programme the member watches
    MESSAGE = "message"  # new messages in a private conversation (cop.conversations)
    REACTION = "reaction"  # reactions to the member's post, grouped per post and hour
    ANSWER = "answer"  # the member's reply was marked as the answer (a Q&A table)
    REMINDER = "reminder"  # a bookmark's "remind me" day (cop.bookmarks.reminders)
    TRANSLATION = "translation"  # a member translated the member's post (cop.translations)


class Mode(enum.StrEnum):
    NONE = "none"
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


# Moderators' notices to an author: they stay when the content is hidden later.
FROM_MODERATORS = (Kind.MODERATION.value, Kind.APPROVED.value)

# What a member gets without having chosen: personal things at once, activity daily.
DEFAULT_MODES: dict[Kind, Mode] = {
    Kind.REPLY: Mode.DAILY,
    Kind.MENTION: Mode.IMMEDIATE,
    Kind.QUOTE: Mode.IMMEDIATE,
    Kind.NEW_THREAD: Mode.DAILY,
    Kind.NEW_VERSION: Mode.WEEKLY,
    Kind.MODERATION: Mode.IMMEDIATE,
    Kind.APPROVED: Mode.IMMEDIATE,  # as a rejection is told (Kind.MODERATION)
    Kind.EVENT_REMINDER: Mode.IMMEDIATE,  # a digest could come after the event
    Kind.EVENT_CHANGED: Mode.IMMEDIATE,
    Kind.EVENT_PROMOTED: Mode.IMMEDIATE,
    Kind.NEW_EVENT: Mode.DAILY,  # as new threads in a watched table
    Kind.MESSAGE: Mode.IMMEDIATE,  # written to the member: personal
    Kind.REACTION: Mode.NONE,  # seen on the notifications page; an email only if asked
    Kind.ANSWER: Mode.IMMEDIATE,
    Kind.REMINDER: Mode.IMMEDIATE,  # the member asked for it, for that day
    Kind.TRANSLATION: Mode.DAILY,  # good news, not urgent
}

# Kinds whose notices on one thread (or conversation) make one group: one unread row per
# (recipient, kind, group), counting its items and naming the latest actor
# (cop.notifications.grouping).
GROUPED_KINDS = frozenset({Kind.REPLY, Kind.MENTION, Kind.QUOTE, Kind.MESSAGE})


class DigestBatch(db.Model):
    """One daily or weekly digest run: its period key makes a second run resume it."""

    __tablename__ = "digest_batches"
    __table_args__ = (UniqueConstraint("frequency", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[str] = mapped_column(String(8))
    period: Mapped[str] = mapped_column(String(16))  # "2026-11-26" or "2026-W48"
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DigestDelivery(db.Model):
    """A member's digest in a batch: claimed before sending, `sent_at` once sent."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("batch_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("digest_batches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    item_count: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


UNREAD_GROUP = "read_at IS NULL AND group_key IS NOT NULL"


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_recipient_unread", "recipient_id", "read_at"),
        Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
        Index("ix_notifications_target", "target_type", "target_id"),
        Index("ix_notifications_email_due", "delivery", "emailed_at"),
        Index("ix_notifications_group", "group_key"),
        # One unread group per recipient, kind and thread/conversation: new notices of
        # the group update it (INSERT ... ON CONFLICT on this partial index).
        Index(
            "uq_notifications_unread_group",
            "recipient_id",
            "kind",
            "group_key",
            unique=True,
            sqlite_where=text(UNREAD_GROUP),
            postgresql_where=text(UNREAD_GROUP),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # post, thread, resource or member
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    # What the message needs, as it was: titles, table name, reason, language...
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The recipient's email mode for this kind when it was made (none, immediate,
    # daily, weekly); an immediate email is claimed, then marked emailed.
    delivery: Mapped[str] = mapped_column(String(10), default="none", server_default="none")
    email_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    digest_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("digest_batches.id", ondelete="SET NULL")
    )
    # A group ("thread:12", "conversation:5"; None: a notice on its own), how many
    # notices it holds, and the target of its latest one (the first stays `target_id`).
    group_key: Mapped[str | None] = mapped_column(String(40))
    item_count: Mapped[int] = mapped_column(default=1, server_default="1")
    latest_target_id: Mapped[int | None]

    recipient: Mapped[Member] = relationship(foreign_keys=[recipient_id])
    actor: Mapped[Member | None] = relationship(foreign_keys=[actor_id])

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class EmailPreference(db.Model):
    """A member's email mode for one kind; without a row, DEFAULT_MODES applies."""

    __tablename__ = "email_preferences"
    __table_args__ = (UniqueConstraint("member_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(10))
