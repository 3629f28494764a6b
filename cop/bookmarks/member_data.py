"""A member's bookmarks in their data export, and gone when the account closes.

Registered in cop.bookmarks.init_app (see cop.members.contributions)."""

from __future__ import annotations

from sqlalchemy import delete, select

from cop.bookmarks.models import Bookmark
from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member


def register() -> None:
    register_export_part("bookmarks", bookmarks_part, order=70)
    register_closing_step(delete_bookmarks)


def bookmarks_part(member: Member) -> ExportPart | None:
    rows = db.session.scalars(
        select(Bookmark).where(Bookmark.member_id == member.id).order_by(Bookmark.id)
    ).all()
    if not rows:
        return None
    return ExportPart(
        "bookmarks",
        [
            {
                "kind": bookmark.kind,
                "target_id": bookmark.target_id,
                "note": bookmark.note,
                "remind_on": bookmark.remind_on.isoformat() if bookmark.remind_on else None,
                "reminded": bookmark.is_reminded,
                "created_at": iso(bookmark.created_at),
            }
            for bookmark in rows
        ],
    )


def delete_bookmarks(member: Member, *, delete_posts: bool) -> None:
    """A member's bookmarks are theirs alone: they go with the account."""
    db.session.execute(
        delete(Bookmark).where(Bookmark.member_id == member.id),
        execution_options={"synchronize_session": False},
    )
