"""Demo moderation: the seeded conversation predates moderation, so nothing of it waits
for approval; one open report gives the queue something to show."""

from __future__ import annotations

from sqlalchemy import select, update

from cop.extensions import db
from cop.members.models import Member
from cop.moderation.models import Report
from cop.threads.models import Post, Thread

DEMO_REPORTER = "sarah@example.org"


def seed_moderation() -> int:
    db.session.execute(update(Post).where(Post.is_pending.is_(True)).values(is_pending=False))
    db.session.execute(update(Thread).where(Thread.is_pending.is_(True)).values(is_pending=False))
    db.session.flush()
    # Approved without signals: which threads still wait for an answer, recomputed.
    from cop.waiting.services import refresh_all_waiting

    refresh_all_waiting()
    if db.session.scalar(select(Report.id).limit(1)) is not None:
        return 0
    reporter = db.session.scalar(select(Member).where(Member.email == DEMO_REPORTER))
    post = db.session.scalar(
        select(Post)
        .where(Post.position > 1, Post.author_id != getattr(reporter, "id", None))
        .limit(1)
    )
    if reporter is None or post is None:
        return 0
    from cop.moderation.reports import report_content

    report_content(post, reporter=reporter, reason="off_topic", note="Is this the right table?")
    return 1
