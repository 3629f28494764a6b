"""A member's reactions, as the members package exports and closes them.

Registered in cop.reactions.init_app (see cop.members.contributions). Closing an
account deletes its reactions: the counts under posts then count the reactions of
people who are still members, and the "who reacted" lists never name someone gone.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member
from cop.reactions.models import PostReaction
from cop.reactions.queries import member_reactions


def register() -> None:
    register_export_part("reactions", reactions_part, order=25)
    register_closing_step(close_member)


def reactions_part(member: Member) -> ExportPart | None:
    rows = [
        {
            "post_id": r.post_id,
            "thread_title": r.title,
            "reaction": r.kind,
            "created_at": iso(r.created_at),
        }
        for r in member_reactions(member.id)
    ]
    return ExportPart("reactions", {"reactions": rows}) if rows else None


def close_member(member: Member, *, delete_posts: bool) -> None:
    """The closed account's reactions go, whatever it asked for its posts."""
    threads = set(
        db.session.scalars(
            select(PostReaction.thread_id).where(PostReaction.member_id == member.id).distinct()
        )
    )
    if not threads:
        return
    db.session.execute(
        delete(PostReaction).where(PostReaction.member_id == member.id),
        execution_options={"synchronize_session": False},
    )
    note_changed(db.session, "threads", *(thread_scope(t) for t in sorted(threads)))
