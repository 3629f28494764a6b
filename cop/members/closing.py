"""Closing an account: at once in the request, the rest in the background.

The request (`request_close`) does what must be true at once: the member is signed out
everywhere, cannot sign in again, is gone from the directory, profile pages and search,
and their data exports stop being offered. Deleting the row (and, if asked, the posts)
grows with the member's history, so a job does it (`close_account_job`, cron).

Foreign keys to members are ON DELETE SET NULL, so by default the content stays, shown
as written by "former member". A feature that must delete or erase something registers a
closing step (cop.members.contributions): asked to, threads deletes the member's posts
the way a moderator deletes one (the post stays in its thread as "deleted", so no thread
loses its order).
"""

from __future__ import annotations

from sqlalchemy import select

from cop import signals
from cop.extensions import db
from cop.jobs import runner
from cop.jobs.models import Job, JobState
from cop.members import exports, services
from cop.members.accounts import end_all_sessions
from cop.members.models import Member
from cop.models import utcnow

KIND = "close_account"


def request_close(member: Member, *, delete_posts: bool) -> Job:
    """Record the closing; cheap, whatever the member's history. Never commits."""
    member.closed_at = utcnow()
    end_all_sessions(member)
    signals.member_closing.send(member)  # search forgets the profile now
    for job in db.session.scalars(
        select(Job).where(Job.member_id == member.id, Job.active_key.is_not(None))
    ):
        if job.kind == exports.KIND:
            exports.expire_export(job)
    db.session.flush()
    job, _new = runner.enqueue(KIND, member, {"delete_posts": delete_posts})
    return job


def close_account_job(job: Job):
    """The background half: delete the member (and their posts if asked)."""
    member = db.session.get(Member, job.member_id) if job.member_id else None
    if member is not None:
        services.close_account(member, delete_posts=bool(job.payload.get("delete_posts")))
    runner.finish(job, JobState.DONE)
    return None
