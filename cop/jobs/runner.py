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

The runner knows no feature: the package that owns a kind of job registers its handler
(and any pruner of what its jobs leave behind) in its `init_app`:

    runner.register("export", exports.build_export_job)
    runner.register_pruner(exports.prune_exports)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from cop.extensions import db
from cop.jobs.models import Job, JobState
from cop.models import utcnow

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=30)
MAX_ATTEMPTS = 3

# Finished rows are kept this long (the My data page shows the last export's state).
KEEP_FINISHED = timedelta(days=30)

AfterCommit = Callable[[], None] | None


class Member(Protocol):
    """Whom a job is for (a cop.members Member: the runner needs only its id)."""

    id: int


@dataclass(frozen=True)
class Handler:
    run: Callable[[Job], AfterCommit]
    # Never given up (a member asked for it: deleting an account); each failure is
    # logged as an error and tried again on the next run.
    keep_trying: bool = False


# Filled by the owning packages' init_app; registering again replaces (one app per test).
HANDLERS: dict[str, Handler] = {}
# Run after the jobs by the same command, in the order registered, then
# prune_finished_jobs; keyed by "module:name".
PRUNERS: dict[str, Callable[[], object]] = {}


def register(kind: str, run: Callable[[Job], AfterCommit], *, keep_trying: bool = False) -> None:
    """Run `run(job)` for each job of this kind (it calls `finish` when done)."""
    HANDLERS[kind] = Handler(run, keep_trying)


def register_pruner(prune: Callable[[], object]) -> None:
    """Run `prune()` after the jobs (it may commit: see prune_exports)."""
    PRUNERS[f"{prune.__module__}:{prune.__qualname__}"] = prune


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
        after = HANDLERS[job.kind].run(job)
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
    handler = HANDLERS.get(job.kind)
    if job.attempts >= MAX_ATTEMPTS and not (handler and handler.keep_trying):
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
    for name, prune in [*PRUNERS.items(), ("finished jobs", prune_finished_jobs)]:
        try:
            prune()
            db.session.commit()
        except Exception:
            logger.exception("pruning with %s failed", name)
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
