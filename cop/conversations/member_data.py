"""A member's conversations, as the members package exports and closes them.

Registered in cop.conversations.init_app (see cop.members.contributions): the
"conversations" part of the data export (every conversation the member is or was in,
with its messages, and the members they block), and, when an account is closed, its
messages kept for the other participants under "former member"
(cop.conversations.accounts). Conversations are private: no profile activity list.
"""

from __future__ import annotations

from sqlalchemy import select

from cop.conversations.accounts import (
    anonymize_member_conversations,
    member_conversations_for_export,
)
from cop.conversations.models import MemberBlock
from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member


def register() -> None:
    register_export_part("conversations", conversations_part, order=40)
    register_closing_step(close_member)


def conversations_part(member: Member) -> ExportPart | None:
    conversations = member_conversations_for_export(member)
    blocks = [
        {
            "member": block.blocked.handle,
            "hide_posts": block.hide_posts,
            "since": iso(block.created_at),
        }
        for block in db.session.scalars(
            select(MemberBlock)
            .where(MemberBlock.member_id == member.id)
            .order_by(MemberBlock.created_at)
        )
    ]
    if not conversations and not blocks:
        return None
    return ExportPart("conversations", {"conversations": conversations, "blocks": blocks})


def close_member(member: Member, *, delete_posts: bool) -> None:
    """Messages are not posts: whatever `delete_posts`, they stay for the others,
    anonymized (the issue's rule: a conversation is not torn from its participants)."""
    anonymize_member_conversations(member)
