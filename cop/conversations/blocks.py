"""Blocks between members: add, change, remove (services: the caller commits)."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select

from cop import signals
from cop.conversations.models import MemberBlock
from cop.database import upsert
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)


def block_member(member: Member, blocked: Member, *, hide_posts: bool) -> None:
    """`blocked` can no longer write to `member`; a second press only updates the option."""
    upsert(
        MemberBlock,
        ["member_id", "blocked_id"],
        {
            "member_id": member.id,
            "blocked_id": blocked.id,
            "hide_posts": hide_posts,
            "created_at": utcnow(),
        },
        {"hide_posts": hide_posts},
    )
    signals.member_blocked.send(member, blocked=blocked, hide_posts=hide_posts)
    logger.info("member %s blocked member %s", member.id, blocked.id)


def unblock_member(member: Member, blocked_id: int) -> bool:
    """False when there was no such block (a second press)."""
    result = db.session.execute(
        delete(MemberBlock).where(
            MemberBlock.member_id == member.id, MemberBlock.blocked_id == blocked_id
        )
    )
    if result.rowcount != 1:
        return False
    blocked = db.session.get(Member, blocked_id)
    signals.member_unblocked.send(member, blocked=blocked)
    return True


def blocks_of(member: Member) -> list[MemberBlock]:
    return list(
        db.session.scalars(
            select(MemberBlock)
            .where(MemberBlock.member_id == member.id)
            .order_by(MemberBlock.created_at.desc())
        )
    )


def hidden_authors(member: Member) -> frozenset[int]:
    """Members whose posts `member` chose not to read in threads."""
    return frozenset(
        db.session.scalars(
            select(MemberBlock.blocked_id).where(
                MemberBlock.member_id == member.id, MemberBlock.hide_posts.is_(True)
            )
        )
    )
