"""A member's conversations in their data export, and what closing the account leaves.

The members package's registry (export, account closing) calls these two functions;
they never commit.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, exists, select, update

from cop.conversations.models import (
    Conversation,
    ConversationParticipant,
    ConversationReport,
    MemberBlock,
    Message,
)
from cop.extensions import db
from cop.members.models import Member

logger = logging.getLogger(__name__)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _author(message: Message, member: Member) -> str | None:
    if message.author_id == member.id:
        return "me"
    return message.author.handle if message.author is not None else None


def member_conversations_for_export(member: Member) -> list[dict]:
    """Every conversation the member is in or left, with all its messages (theirs and
    those written to them), as plain data for the JSON of the export."""
    places = db.session.scalars(
        select(ConversationParticipant)
        .where(ConversationParticipant.member_id == member.id)
        .order_by(ConversationParticipant.conversation_id)
    )
    exported = []
    for place in places:
        conversation = place.conversation
        messages = db.session.scalars(
            select(Message).where(Message.conversation_id == conversation.id).order_by(Message.id)
        )
        exported.append(
            {
                "id": conversation.id,
                "subject": conversation.subject,
                "started_at": _iso(conversation.created_at),
                "joined_at": _iso(place.joined_at),
                "left_at": _iso(place.left_at),
                "participants": [
                    p.member.handle for p in conversation.participants if p.member_id != member.id
                ],
                "messages": [
                    {
                        "id": m.id,
                        "author": _author(m, member),
                        "written_at": _iso(m.created_at),
                        "body": m.body_source,
                    }
                    for m in messages
                ],
            }
        )
    return exported


def anonymize_member_conversations(member: Member) -> None:
    """Before the member's row goes: their messages stay for the others, signed by a
    former member; their places, blocks and reports go; a conversation nobody else
    is in is deleted (no one could read it)."""
    db.session.execute(
        update(Message)
        .where(Message.author_id == member.id)
        .values(author_id=None, client_token=None)
        .execution_options(synchronize_session=False)
    )
    for model, column in (
        (Conversation, Conversation.started_by_id),
        (ConversationReport, ConversationReport.reporter_id),
        (ConversationReport, ConversationReport.resolved_by_id),
    ):
        db.session.execute(
            update(model)
            .where(column == member.id)
            .values({column.key: None})
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        delete(ConversationParticipant).where(ConversationParticipant.member_id == member.id)
    )
    db.session.execute(
        delete(MemberBlock).where(
            (MemberBlock.member_id == member.id) | (MemberBlock.blocked_id == member.id)
        )
    )
    someone = exists().where(ConversationParticipant.conversation_id == Conversation.id)
    db.session.execute(
        delete(Conversation).where(~someone).execution_options(synchronize_session=False)
    )
    logger.info("conversations of member %s anonymized", member.id)
