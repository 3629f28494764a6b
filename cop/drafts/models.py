"""A member's unfinished writing, kept server-side: one draft per place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow

PLACE_MAX = 40  # "reply:2147483647"
TITLE_MAX = 200
RECIPIENTS_MAX = 1_000
EXCERPT_LENGTH = 160


class Draft(db.Model):
    """What a member typed in one place: a new thread in a table ("thread:<table id>"),
    a reply in a thread ("reply:<thread id>"), a new conversation ("conversation:0") or a
    reply in one ("message:<conversation id>"). Only its member ever reads it."""

    __tablename__ = "drafts"
    __table_args__ = (
        UniqueConstraint("member_id", "place"),
        Index("ix_drafts_member_updated", "member_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    place: Mapped[str] = mapped_column(String(PLACE_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A new conversation's "To" field, as typed (@names).
    recipients: Mapped[str] = mapped_column(String(RECIPIENTS_MAX), default="", server_default="")
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def kind(self) -> str:
        return self.place.partition(":")[0]

    @property
    def target_id(self) -> int:
        return int(self.place.partition(":")[2] or 0)

    @property
    def excerpt(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"
