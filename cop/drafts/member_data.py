"""A member's drafts in their data export, and gone when the account closes.

Registered in cop.drafts.init_app (see cop.members.contributions)."""

from __future__ import annotations

from sqlalchemy import delete, select

from cop.drafts.models import Draft
from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member


def register() -> None:
    register_export_part("drafts", drafts_part, order=75)
    register_closing_step(delete_drafts)


def drafts_part(member: Member) -> ExportPart | None:
    rows = db.session.scalars(
        select(Draft).where(Draft.member_id == member.id).order_by(Draft.id)
    ).all()
    if not rows:
        return None
    return ExportPart(
        "drafts",
        [
            {
                "place": draft.place,
                "title": draft.title,
                "recipients": draft.recipients,
                "body": draft.body,
                "language": draft.language,
                "created_at": iso(draft.created_at),
                "updated_at": iso(draft.updated_at),
            }
            for draft in rows
        ],
    )


def delete_drafts(member: Member, *, delete_posts: bool) -> None:
    """Unfinished words are nobody else's: they go with the account."""
    db.session.execute(
        delete(Draft).where(Draft.member_id == member.id),
        execution_options={"synchronize_session": False},
    )
