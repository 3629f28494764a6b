"""My data in the background: request, build (cron), email a signed link, expire.

The request records an "export" job (cop.jobs): one per member at a time, so a double
press makes one. The cron command writes the ZIP to the instance folder (streamed, see
export.py), marks it ready until EXPORT_KEEP_DAYS from now and emails the member a
signed link. The file can be downloaded only by its member, signed in, with that link
(or from the My data page); once expired or replaced, the pruner deletes it.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, update

from cop import mail
from cop.extensions import db
from cop.i18n import member_timezone
from cop.jobs import runner
from cop.jobs.models import Job, JobState
from cop.members.export import write_export
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)

KIND = "export"
LINK_SALT = "cop.members.export-link"
STRAY_GRACE = timedelta(hours=1)  # a file no row names yet may be a job about to commit


def export_folder() -> Path:
    folder = current_app.config.get("EXPORT_FOLDER")
    return Path(folder) if folder else Path(current_app.instance_path) / "exports"


def keep_for() -> timedelta:
    return timedelta(days=current_app.config.get("EXPORT_KEEP_DAYS", 7))


def latest_export(member: Member) -> Job | None:
    return db.session.scalar(
        select(Job)
        .where(Job.member_id == member.id, Job.kind == KIND)
        .order_by(Job.id.desc())
        .limit(1)
    )


def shown_state(job: Job | None) -> str | None:
    """The state to show: a ready export past its date is expired (before pruning)."""
    if job is None:
        return None
    if job.state == JobState.READY.value and (job.expires_at is None or job.expires_at <= utcnow()):
        return JobState.EXPIRED.value
    return job.state


def request_export(member: Member) -> tuple[Job, bool]:
    """The member's export in progress, or a new one (a ready one is replaced)."""
    current = latest_export(member)
    if current is not None and current.state == JobState.READY.value:
        expire_export(current)
        db.session.flush()
    return runner.enqueue(KIND, member)


def expire_export(job: Job) -> None:
    """The file stops being offered now; the pruner deletes it after the commit."""
    job.state = JobState.EXPIRED.value
    job.active_key = None
    job.expires_at = min(job.expires_at or utcnow(), utcnow())


# The job (cron)


def build_export_job(job: Job):
    member = db.session.get(Member, job.member_id) if job.member_id else None
    if member is None or member.closed_at is not None:  # the account is being closed
        runner.finish(job)
        return None
    folder = export_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{job.id}-{job.token}.zip"
    partial = folder / f"{name}.part"
    try:
        write_export(member, partial)
        os.replace(partial, folder / name)
    finally:
        partial.unlink(missing_ok=True)
    now = utcnow()
    size = (folder / name).stat().st_size
    # Ready only if still running: closing the account (or asking again) while the file
    # was written expired this job, and then the file is not offered nor emailed.
    offered = db.session.execute(
        update(Job)
        .where(Job.id == job.id, Job.state == JobState.RUNNING.value)
        .values(
            state=JobState.READY.value,
            finished_at=now,
            file_name=name,
            file_size=size,
            expires_at=now + keep_for(),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire(job)
    if offered.rowcount != 1:
        (folder / name).unlink(missing_ok=True)
        logger.info("export %s of member %s withdrawn while it was built", job.id, member.id)
        return None
    logger.info("export %s of member %s ready (%s bytes)", job.id, member.id, size)
    job_id = job.id
    return lambda: send_ready_email(db.session.get(Job, job_id))


def send_ready_email(job: Job) -> None:

    member = db.session.get(Member, job.member_id)
    with mail.link_context():
        mail.send_templated(
            member.email,
            member.locale,
            "export_ready",
            member=member,
            link=download_url(job, external=True),
            # In the member's own zone: cron has no signed-in reader to take it from.
            expires=format_datetime(
                job.expires_at,
                "long",
                tzinfo=ZoneInfo(member_timezone(member)),
                locale=member.locale or "en",
            ),
            size=job.file_size,
        )


# The signed link


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=LINK_SALT)


def download_url(job: Job, *, external: bool = False) -> str:
    token = _serializer().dumps([job.id, job.token])
    return url_for("members.download_export", token=token, _external=external)


def find_download(token: str, member: Member) -> tuple[Job, Path] | None:
    """The ready export and its file for a genuine link of this member's, else None."""
    max_age = keep_for() + timedelta(days=1)
    try:
        data = _serializer().loads(token, max_age=int(max_age.total_seconds()))
    except BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int)):
        return None
    job = db.session.get(Job, data[0])
    if (
        job is None
        or job.kind != KIND
        or job.token != data[1]
        or job.member_id != member.id
        or job.state != JobState.READY.value
        or job.expires_at is None
        or job.expires_at <= utcnow()
        or not job.file_name
    ):
        return None
    path = export_folder() / job.file_name
    return (job, path) if path.is_file() else None


# Pruning (cron, after the jobs)


def prune_exports(now: datetime | None = None) -> int:
    """Delete the files of expired exports and of closed accounts, and stray files;
    commits the rows first, so a file is only removed once nothing offers it."""
    now = now or utcnow()
    db.session.execute(
        update(Job)
        .where(Job.kind == KIND, Job.state == JobState.READY.value)
        .where((Job.expires_at <= now) | Job.member_id.is_(None))
        .values(state=JobState.EXPIRED.value, active_key=None),
        execution_options={"synchronize_session": False},
    )
    gone = db.session.scalars(
        select(Job).where(
            Job.kind == KIND, Job.state == JobState.EXPIRED.value, Job.file_name.is_not(None)
        )
    ).all()
    names = [job.file_name for job in gone]
    for job in gone:
        job.file_name = None
    kept = set(
        db.session.scalars(
            select(Job.file_name).where(Job.kind == KIND, Job.file_name.is_not(None))
        )
    )
    db.session.commit()
    removed = sum(_remove(export_folder() / name) for name in names)
    return removed + _remove_strays(kept)


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _remove_strays(kept: set[str]) -> int:
    """Files no row names (a crash between writing and committing), after a grace."""
    folder = export_folder()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - STRAY_GRACE.total_seconds()
    removed = 0
    for path in folder.iterdir():
        if path.name not in kept and path.is_file() and path.stat().st_mtime < cutoff:
            removed += _remove(path)
    return removed
