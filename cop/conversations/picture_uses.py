"""Pictures in conversation messages (cop/pictures): a sent message claims its author's
pictures, and they are shown only to the conversation's active participants, and to
moderators once a message of that conversation is reported (they read it all then).
Their uploader alone removes one from its message (a message has no history), unless
something they wrote is reported and the report open."""

from __future__ import annotations

import logging

from sqlalchemy import select

from cop import permissions, signals
from cop.conversations import queries, services
from cop.conversations.models import ConversationReport, Message
from cop.extensions import db
from cop.members.models import Member
from cop.pictures import evidence, visibility
from cop.pictures import services as pictures
from cop.pictures.models import Picture
from cop.sanitize import POLICY_VERSION

logger = logging.getLogger(__name__)


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


def _use(message: Message) -> str:
    return f"message:{message.id}"


def _on_message_sent(message: Message, **_extra) -> None:
    pictures.claim_pictures(message.author, message.body_source, _use(message))


def _messages_reported(member_id: int) -> bool:
    """An open report names a message this member wrote (cop.pictures.evidence)."""
    open_report = (
        select(ConversationReport.id)
        .join(Message, Message.id == ConversationReport.message_id)
        .where(Message.author_id == member_id, ConversationReport.resolved_at.is_(None))
    )
    return db.session.scalar(open_report.limit(1)) is not None


def register() -> None:
    visibility.register("message", _message_visible)
    evidence.register(_messages_reported)
    signals.message_sent.connect(_on_message_sent)


# Removing one


def kept_as_evidence(uploader: Member) -> bool:
    """While something the uploader wrote is reported, their pictures stay for the
    moderators to see (cop.pictures.evidence)."""
    return evidence.is_under_report(uploader.id)


def message_pictures(message: Message, uploader: Member) -> list[Picture]:
    """The pictures of the message that `uploader` uploaded (all of them: its author's)."""
    return [p for p in pictures.pictures_used_by(_use(message)) if p.owner_id == uploader.id]


def message_picture(message: Message, picture_id: int) -> Picture | None:
    """The picture with this id if the message uses it."""
    return pictures.picture_used_by(_use(message), picture_id)


def remove_picture_from_message(message: Message, picture: Picture, *, actor: Member) -> None:
    """The picture leaves the message for good: its references leave the words (the
    HTML rendered again), then its row, its files and its room in the quota go."""
    key = picture.key
    body = pictures.without_picture(message.body_source, key)
    if body != message.body_source:
        message.body_source = body
        message.body_html = services.render_message(body)
        message.policy_version = POLICY_VERSION
        db.session.flush()
    pictures.remove_used_picture(message, picture, actor=actor)
