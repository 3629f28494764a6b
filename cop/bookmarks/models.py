"""Bookmarks: a member's marks on posts, threads, resources and events."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow

NOTE_MAX = 500


class BookmarkKind(enum.StrEnum):
    POST = "post"
    THREAD = "thread"
    RESOURCE = "resource"
    EVENT = "event"


class Bookmark(db.Model):
    """One member's bookmark of one thing (`kind`, `target_id`: no foreign key, so a
    bookmark outlives what it points to and then shows it as unavailable)."""

    __tablename__ = "bookmarks"
    __table_args__ = (
        UniqueConstraint("member_id", "kind", "target_id"),
        Index("ix_bookmarks_member_created", "member_id", "created_at"),
        Index("ix_bookmarks_reminders_due", "is_reminded", "remind_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="", server_default="")
    remind_on: Mapped[date | None] = mapped_column(Date)
    # Set once, by the one run that sends the reminder (cop.database.set_flag_once).
    is_reminded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
