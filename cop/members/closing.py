"""Closing an account: at once in the request, the rest in the background.

The request (`request_close`) does what must be true at once: the member is signed out
everywhere, cannot sign in again, is gone from the directory, profile pages and search,
and their data exports stop being offered. Deleting the row (and, if asked, the posts)
grows with the member's history, so a job does it (`close_account_job`, cron).

Each feature that keeps content by members gets one small function here. Foreign keys
to members are ON DELETE SET NULL, so by default the content stays, shown as written by
"former member"; asked to, the member's posts are deleted the way a moderator deletes
one (the post stays in its thread as "deleted", so no thread loses its order).
"""

from __future__ import annotations

import importlib.util

from sqlalchemy import delete, select

from cop import signals
from cop.extensions import db
from cop.jobs import runner
from cop.jobs.models import Job, JobState
from cop.members.accounts import end_all_sessions
from cop.members.models import Member
from cop.models import utcnow

KIND = "close_account"


def _feature_exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def request_close(member: Member, *, delete_posts: bool) -> Job:
    """Record the closing; cheap, whatever the member's history. Never commits."""
    from cop.members import exports

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
    from cop.members import services

    member = db.session.get(Member, job.member_id) if job.member_id else None
    if member is not None:
        services.close_account(member, delete_posts=bool(job.payload.get("delete_posts")))
    runner.finish(job, JobState.DONE)
    return None


def before_close(member: Member, *, delete_posts: bool) -> None:
    if delete_posts and _feature_exists("cop.threads.models"):
        delete_posts_of(member)


def delete_posts_of(member: Member) -> None:
    """Delete the member's posts as the thread service does (counters stay right), then
    erase their words and earlier versions: asked to delete, nothing of them remains."""
    from cop.threads import services as threads
    from cop.threads.models import Post, PostRevision

    posts = db.session.scalars(select(Post).where(Post.author_id == member.id)).all()
    for post in posts:
        threads.delete_post(post, actor=member)
        post.body_source = ""
        post.body_html = ""
    if posts:
        db.session.execute(
            delete(PostRevision).where(PostRevision.post_id.in_([p.id for p in posts])),
            execution_options={"synchronize_session": False},
        )
    db.session.flush()
