"""Conversation services: they add and flush, the caller commits. No request in here.

The checks of who may write to whom are the caller's (cop.conversations.policy): the
views run them first, so a refused conversation leaves no row behind.
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update

from cop import signals
from cop.conversations.models import Conversation, ConversationParticipant, Message
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.sanitize import POLICY_VERSION, render_markdown

logger = logging.getLogger(__name__)


def find_message_by_token(author: Member, client_token: str | None) -> Message | None:
    """The message this member already sent with this form token (a double press)."""
    if not client_token:
        return None
    return db.session.scalar(
        select(Message).where(Message.author_id == author.id, Message.client_token == client_token)
    )


def render_message(source: str) -> str:
    """Safe HTML for a message, as for a post (mentions stay text: nobody is notified)."""
    return render_markdown(source)


def _add_message(conversation: Conversation, author: Member, body: str, token: str | None):
    message = Message(
        conversation=conversation,
        author=author,
        body_source=body,
        body_html=render_message(body),
        policy_version=POLICY_VERSION,
        client_token=token,
    )
    db.session.add(message)
    db.session.flush()
    db.session.execute(
        update(Conversation)
        .where(Conversation.id == conversation.id)
        .values(
            message_count=Conversation.message_count + 1,
            last_message_id=message.id,
            last_message_at=message.created_at,
        )
    )
    db.session.refresh(conversation, ["message_count", "last_message_id", "last_message_at"])
    mark_read(conversation, author, message.id)
    return message


def _join(conversation: Conversation, member: Member) -> bool:
    """Add `member` (or bring back one who left); False if they are in already."""
    inserted = insert_ignore(
        ConversationParticipant,
        ["conversation_id", "member_id"],
        conversation_id=conversation.id,
        member_id=member.id,
        joined_at=utcnow(),
        last_read_message_id=0,
    )
    if inserted is not None:
        return True
    rejoined = db.session.execute(
        update(ConversationParticipant)
        .where(
            ConversationParticipant.conversation_id == conversation.id,
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.left_at.is_not(None),
        )
        .values(left_at=None, joined_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return rejoined.rowcount == 1


def recipients_of(conversation: Conversation, author_id: int | None) -> list[Member]:
    rows = db.session.scalars(
        select(ConversationParticipant).where(
            ConversationParticipant.conversation_id == conversation.id,
            ConversationParticipant.left_at.is_(None),
        )
    )
    return [p.member for p in rows if p.member_id != author_id]


def start_conversation(
    *,
    sender: Member,
    recipients: list[Member],
    subject: str,
    body: str,
    client_token: str | None = None,
) -> Conversation:
    """A new conversation between `sender` and `recipients`, with its first message."""
    conversation = Conversation(subject=subject.strip(), started_by=sender)
    db.session.add(conversation)
    db.session.flush()
    for member in [sender, *recipients]:
        _join(conversation, member)
    message = _add_message(conversation, sender, body, client_token)
    signals.message_sent.send(
        message, recipients=recipients_of(conversation, sender.id), is_new_conversation=True
    )
    logger.info("member %s started conversation %s", sender.id, conversation.id)
    return conversation


def send_message(
    conversation: Conversation, *, author: Member, body: str, client_token: str | None = None
) -> Message:
    """A reply in `conversation`, read by its author at once."""
    message = _add_message(conversation, author, body, client_token)
    signals.message_sent.send(
        message, recipients=recipients_of(conversation, author.id), is_new_conversation=False
    )
    logger.info("member %s wrote in conversation %s", author.id, conversation.id)
    return message


def add_participants(conversation: Conversation, *, actor: Member, members: list[Member]) -> int:
    """Add `members` (checked by the caller); how many were new."""
    added = [m for m in members if _join(conversation, m)]
    if added:
        signals.participants_added.send(conversation, actor=actor, added=added)
    return len(added)


def mark_read(conversation: Conversation, member: Member, message_id: int) -> None:
    """Move the member's last-read mark forward (never back: pages read out of order)."""
    moved = db.session.execute(
        update(ConversationParticipant)
        .where(
            ConversationParticipant.conversation_id == conversation.id,
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.last_read_message_id < message_id,
        )
        .values(last_read_message_id=message_id)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount == 1:
        signals.conversation_read.send(conversation, member=member, message_id=message_id)


def leave_conversation(conversation: Conversation, member: Member) -> bool:
    """The member no longer sees the conversation; False if they had left already."""
    result = db.session.execute(
        update(ConversationParticipant)
        .where(
            ConversationParticipant.conversation_id == conversation.id,
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.left_at.is_(None),
        )
        .values(left_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    signals.conversation_left.send(conversation, member=member)
    logger.info("member %s left conversation %s", member.id, conversation.id)
    return True
