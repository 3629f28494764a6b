"""The conversations' places for drafts (cop.drafts): a new conversation ("conversation:0")
and a reply in one ("message:<conversation id>"), for its active participants only.
Registered from cop.conversations.init_app."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from cop import permissions
from cop.conversations.models import BODY_MAX, SUBJECT_MAX, Conversation, ConversationParticipant
from cop.conversations.queries import participation
from cop.conversations.services import find_message_by_token
from cop.drafts.places import PlaceKind, Resolved, phrase, register_place
from cop.extensions import db

NEW_CONVERSATION, MESSAGE = "conversation", "message"


def register() -> None:
    register_place(
        PlaceKind(
            NEW_CONVERSATION,
            _may_start,
            _new,
            BODY_MAX,
            SUBJECT_MAX,
            recipients=True,
            posted=_posted,
        )
    )
    register_place(PlaceKind(MESSAGE, _may_reply, _conversations, BODY_MAX, posted=_posted))


def _posted(member, client_token: str) -> bool:
    """The form with this token was sent: its message exists."""
    return find_message_by_token(member, client_token) is not None


def _may_start(member, target_id: int) -> bool:
    return target_id == 0 and permissions.can_write(member)


def _may_reply(member, conversation_id: int) -> bool:
    return permissions.can_write(member) and participation(member, conversation_id) is not None


def _new(member, ids: list[int]) -> dict[int, Resolved]:
    if 0 not in ids:
        return {}
    return {0: Resolved(Markup.escape(_("New conversation")), url_for("conversations.new"))}


def _conversations(member, ids: list[int]) -> dict[int, Resolved]:
    rows = db.session.execute(
        select(Conversation.id, Conversation.subject)
        .join(ConversationParticipant, ConversationParticipant.conversation_id == Conversation.id)
        .where(
            Conversation.id.in_(ids),
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.left_at.is_(None),
        )
    )
    return {
        row.id: Resolved(
            phrase(_("Reply in the conversation “%(title)s”"), row.subject),
            url_for("conversations.show", conversation_id=row.id, _anchor="reply"),
        )
        for row in rows
    }
