"""Read side of the admin pages: the dashboard's counts, the members search."""

from __future__ import annotations

from sqlalchemy import func, select

from cop.extensions import db
from cop.members.models import Member
from cop.moderation.models import Report, ReportState
from cop.threads.models import Post


def dashboard_counts() -> dict[str, int | None]:
    """Open reports, posts awaiting approval, members."""
    return {
        "reports": db.session.scalar(
            select(func.count(Report.id)).where(Report.state == ReportState.OPEN)
        ),
        "pending": db.session.scalar(select(func.count(Post.id)).where(Post.is_pending.is_(True))),
        "members": db.session.scalar(select(func.count(Member.id))),
    }


def find_members(text: str, limit: int = 30) -> list[Member]:
    query = select(Member).order_by(Member.display_name)
    if text:
        like = f"%{text.strip()}%"
        query = query.where(
            Member.display_name.ilike(like) | Member.handle.ilike(like) | Member.email.ilike(like)
        )
    return list(db.session.scalars(query.limit(limit)).unique())
