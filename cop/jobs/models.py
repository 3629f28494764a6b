"""The jobs table: one row per piece of background work, with its state."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow


class JobState(enum.StrEnum):
    PENDING = "pending"  # recorded, waiting for the cron command
    RUNNING = "running"  # claimed by a process (taken again if it dies)
    READY = "ready"  # done, with a file to download until expires_at
    DONE = "done"  # done, nothing to keep
    FAILED = "failed"  # gave up after MAX_ATTEMPTS
    EXPIRED = "expired"  # its file is (or is about to be) deleted


def new_job_token() -> str:
    return secrets.token_urlsafe(12)


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(16), default=JobState.PENDING.value)
    # "<kind>:<member id>" while the job is unfinished (an export: until its file expires),
    # NULL after. Unique, so a double press or two tabs make one job; NULLs never clash.
    active_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # Part of the signed download link: a link to a replaced export stays dead.
    token: Mapped[str] = mapped_column(String(32), default=new_job_token)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    file_name: Mapped[str | None] = mapped_column(String(128))
    file_size: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_jobs_state", "state"),
        Index("ix_jobs_member_kind", "member_id", "kind"),
    )

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state}>"
