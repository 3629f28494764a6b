"""The watches table: who follows (or mutes) which thread, table or resource."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint, false, func
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow


class TargetType(enum.StrEnum):
    THREAD = "thread"
    CATEGORY = "category"
    RESOURCE = "resource"


class Watch(db.Model):
    """A member follows (or, muted, silences) a thread, a discussion table or a resource."""

    __tablename__ = "watches"
    __table_args__ = (
        UniqueConstraint("member_id", "target_type", "target_id"),
        Index("ix_watches_target", "target_type", "target_id", "is_muted"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    is_muted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )
