"""Pictures in conversation messages (cop/pictures): a sent message claims its author's
pictures, and they are shown only to the conversation's active participants."""

from __future__ import annotations

from cop import signals
from cop.conversations import queries
from cop.conversations.models import Message
from cop.members.models import Member
from cop.pictures import services as pictures
from cop.pictures import visibility


def _message_visible(message_id: int, viewer: Member | None) -> bool:
    return viewer is not None and queries.message_in(viewer, message_id) is not None


def _on_message_sent(message: Message, **_extra) -> None:
    pictures.claim_pictures(message.author, message.body_source, f"message:{message.id}")


def register() -> None:
    visibility.register("message", _message_visible)
    signals.message_sent.connect(_on_message_sent)
