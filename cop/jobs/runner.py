"""Recording jobs and running them: the claim is a conditional UPDATE, as in the outbox.

- `enqueue` adds a pending row whose `active_key` is unique per member and kind, inside
  a savepoint: a second request (a double press, two workers) finds the first row
  instead of making another.
- `run_due` (the cron command) claims each due job with an UPDATE that changes the row
  only if it is still pending (or its claim is older than CLAIM_TIMEOUT: the process
  that took it died), commits, and runs it. Whoever changed the row owns the job.
- A handler does the work in the session and returns an optional action to run after
  the commit (an email that must not announce what was rolled back). A handler that
  raises is retried on the next run, up to MAX_ATTEMPTS, then marked failed.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from cop.extensions import db
from cop.jobs.models import Job, JobState
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=30)
MAX_ATTEMPTS = 3

# kind -> "module:function"; imported when a job of that kind runs.
HANDLERS = {
    "export": "cop.members.exports:build_export_job",
    "close_account": "cop.members.closing:close_account_job",
    "merge_thread": "cop.moderation.threadops:merge_thread_job",
}
# Kinds never given up: a member asked for them (deleting an account); each failure is
# logged as an error and tried again on the next run.
KEEP_TRYING = frozenset({"close_account"})
# Run after the jobs by the same command: "module:function".
PRUNERS = ("cop.members.exports:prune_exports", "cop.jobs.runner:prune_finished_jobs")
# Finished rows are kept this long (the My data page shows the last export's state).
KEEP_FINISHED = timedelta(days=30)

AfterCommit = Callable[[], None] | None


def _load(target: str) -> Callable:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def active_key(kind: str, member: Member) -> str:
    return f"{kind}:{member.id}"


def enqueue(
    kind: str, member: Member, payload: dict | None = None, *, key: str | None = None
) -> tuple[Job, bool]:
    """(the unfinished job with this key, whether it is new); never commits. The key is
    the member's by default (one export per member); a thread's for a merge."""
    key = key or active_key(kind, member)
    for _attempt in range(2):  # the other job may finish between our INSERT and SELECT
        try:
            with db.session.begin_nested():
                job = Job(kind=kind, member_id=member.id, active_key=key, payload=payload or {})
                db.session.add(job)
        except IntegrityError:
            existing = db.session.scalar(select(Job).where(Job.active_key == key))
            if existing is not None:
                return existing, False
            continue
        logger.info("job %s (%s) recorded for member %s", job.id, kind, member.id)
        return job, True
    raise RuntimeError(f"could not record a {kind} job for member {member.id}")


def _due(now: datetime):
    return or_(
        Job.state == JobState.PENDING.value,
        and_(Job.state == JobState.RUNNING.value, Job.claimed_at < now - CLAIM_TIMEOUT),
    )


def claim(job_id: int, now: datetime | None = None) -> bool:
    """Take the job if nobody has it; commits, so only one process ever wins."""
    now = now or utcnow()
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, _due(now))
        .values(state=JobState.RUNNING.value, claimed_at=now, attempts=Job.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def due_job_ids(now: datetime | None = None, limit: int | None = None) -> list[int]:
    query = select(Job.id).where(_due(now or utcnow())).order_by(Job.id).limit(limit)
    ids = list(db.session.scalars(query))
    db.session.commit()  # no transaction held open while the jobs run
    return ids


def run_one(job_id: int) -> bool:
    """Run a claimed job; True if it finished. Commits."""
    job = db.session.get(Job, job_id)
    try:
        after = _load(HANDLERS[job.kind])(job)
        db.session.commit()
    except Exception:
        logger.exception("job %s (%s) failed on attempt %s", job_id, job.kind, job.attempts)
        db.session.rollback()
        _give_back(db.session.get(Job, job_id))
        db.session.commit()
        return False
    if after is not None:
        try:
            after()
        except Exception:  # the work is done and committed; only the message is lost
            logger.exception("job %s (%s): the follow-up failed", job_id, job.kind)
    return True


def _give_back(job: Job) -> None:
    if job.attempts >= MAX_ATTEMPTS and job.kind not in KEEP_TRYING:
        job.state = JobState.FAILED.value
        job.active_key = None
        job.finished_at = utcnow()
    else:
        job.state = JobState.PENDING.value
        job.claimed_at = None


def finish(job: Job, state: JobState = JobState.DONE, now: datetime | None = None) -> None:
    """Mark a job finished (handlers call it); all but READY free the member's slot."""
    job.state = state.value
    job.finished_at = now or utcnow()
    if state is not JobState.READY:
        job.active_key = None


def run_due(limit: int | None = None) -> int:
    """Run every due job (at most `limit`), then the pruners; the number finished."""
    finished = 0
    for job_id in due_job_ids(limit=limit):
        if claim(job_id):
            finished += run_one(job_id)
    for target in PRUNERS:
        try:
            _load(target)()
            db.session.commit()
        except Exception:
            logger.exception("pruning with %s failed", target)
            db.session.rollback()
    return finished


def prune_finished_jobs(now: datetime | None = None) -> int:
    """Forget jobs finished long ago whose files are gone."""
    cutoff = (now or utcnow()) - KEEP_FINISHED
    result = db.session.execute(
        delete(Job).where(
            Job.state.in_([JobState.DONE.value, JobState.FAILED.value, JobState.EXPIRED.value]),
            Job.file_name.is_(None),
            Job.finished_at < cutoff,
        ),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount
