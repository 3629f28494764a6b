"""Pictures in conversation messages (cop/pictures): a sent message claims its author's
pictures, and they are shown only to the conversation's active participants, and to
moderators once a message of that conversation is reported (they read it all then)."""

from __future__ import annotations

from sqlalchemy import select

from cop import permissions, signals
from cop.conversations import queries
from cop.conversations.models import ConversationReport, Message
from cop.extensions import db
from cop.members.models import Member
from cop.pictures import services as pictures
from cop.pictures import visibility


def _message_visible(message_id: int, viewer: Member | None) -> bool:
    if viewer is None:
        return False
    if queries.message_in(viewer, message_id) is not None:
        return True
    return permissions.is_moderator(viewer) and _conversation_reported(message_id)


def _conversation_reported(message_id: int) -> bool:
    conversation_id = select(Message.conversation_id).where(Message.id == message_id)
    reported = select(ConversationReport.id).where(
        ConversationReport.conversation_id == conversation_id.scalar_subquery()
    )
    return db.session.scalar(reported.limit(1)) is not None


def _on_message_sent(message: Message, **_extra) -> None:
    pictures.claim_pictures(message.author, message.body_source, f"message:{message.id}")


def register() -> None:
    visibility.register("message", _message_visible)
    signals.message_sent.connect(_on_message_sent)
