"""Pictures members uploaded into a post or a message: the re-encoded file, its
thumbnail, and what uses it ("post:12") once the post is written."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow

USE_MAX = 40


class Picture(db.Model):
    __tablename__ = "pictures"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept (None) when the account closes and its posts stay, anonymized, with them.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # SHA-256 of the re-encoded bytes: the stored name and the URL, never the file name.
    key: Mapped[str] = mapped_column(String(64), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    thumb_key: Mapped[str] = mapped_column(String(64), index=True)
    thumb_width: Mapped[int] = mapped_column(Integer)
    thumb_height: Mapped[int] = mapped_column(Integer)
    # Both files' bytes, what the member's quota counts.
    size_bytes: Mapped[int] = mapped_column(Integer)
    # What shows it ("post:12", "message:3"); None until the post is written, and an
    # unused picture is removed after a day (cop.pictures.services.prune_orphans).
    used_by: Mapped[str | None] = mapped_column(String(USE_MAX), index=True)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )

    @property
    def path(self) -> str:
        return f"{self.key}-{self.width}x{self.height}.webp"

    @property
    def thumb_path(self) -> str:
        return f"{self.thumb_key}-{self.thumb_width}x{self.thumb_height}.webp"
