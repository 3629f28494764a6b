"""Private conversations' notices: receivers of cop.signals, and what their emails say.

A new message notifies the other active participants once per conversation until they
read it: the notices are grouped by conversation (cop.notifications.grouping), so the
second message before they open it counts in the same row ("3 new messages in …") and
no second immediate email leaves. Reading the conversation (its page moves the member's
mark: `conversation_read`) marks the notice read; the next message starts a new one.
Leaving a conversation removes the member's notices of it: a conversation one is not
in is shown by no page, feed, search or notification.

Emails carry the latest message's words, as plain text, except to a member who blocked
its author (a moderator may still write to them): then only who wrote, and where.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from cop import signals
from cop.conversations.models import Conversation, MemberBlock, Message
from cop.extensions import db
from cop.i18n import isolate
from cop.notifications import grouping, services
from cop.notifications.models import Kind, Notification
from cop.notifications.services import Notice

EXCERPT_MAX = 1_500


def _payload(conversation: Conversation, **extra) -> dict:
    return {"conversation_id": conversation.id, "title": conversation.subject, **extra}


def on_message_sent(message: Message, *, recipients=(), **_) -> None:
    conversation = message.conversation
    services.notify(
        [Notice(member.id, Kind.MESSAGE) for member in recipients],
        actor_id=message.author_id,
        target_type="message",
        target_id=message.id,
        payload=_payload(conversation),
        group=grouping.conversation_group(conversation.id),
    )


def on_participants_added(conversation: Conversation, *, actor=None, added=(), **_) -> None:
    services.notify(
        [Notice(member.id, Kind.MESSAGE) for member in added],
        actor_id=getattr(actor, "id", None),
        target_type="message",
        target_id=conversation.last_message_id,
        payload=_payload(conversation, added=True),
        group=grouping.conversation_group(conversation.id),
    )


def on_conversation_read(conversation: Conversation, *, member=None, message_id=0, **_) -> None:
    """The member read up to `message_id`: their notice of the messages before is read."""
    if member is None:
        return
    grouping.mark_group_read(
        member.id, grouping.conversation_group(conversation.id), upto=message_id
    )


def on_conversation_left(conversation: Conversation, *, member=None, **_) -> None:
    if member is None:
        return
    db.session.execute(
        delete(Notification).where(
            Notification.recipient_id == member.id,
            Notification.group_key == grouping.conversation_group(conversation.id),
        )
    )


def excerpt_for(notification: Notification) -> str:
    """The words of the latest message of a conversation notice, as plain text isolated
    for the email; empty for other notices, a message gone, or a blocked author."""
    if notification.kind != Kind.MESSAGE or notification.target_type != "message":
        return ""
    message_id = notification.latest_target_id or notification.target_id
    row = db.session.execute(
        select(Message.author_id, Message.body_source, Message.conversation_id).where(
            Message.id == message_id
        )
    ).first()
    if row is None or row.author_id is None or not row.body_source:
        return ""
    blocked = db.session.scalar(
        select(MemberBlock.member_id).where(
            MemberBlock.member_id == notification.recipient_id,
            MemberBlock.blocked_id == row.author_id,
        )
    )
    if blocked is not None:
        return ""
    text = row.body_source.strip()
    if len(text) > EXCERPT_MAX:
        text = text[:EXCERPT_MAX].rstrip() + "…"
    return isolate(text, html=False)


RECEIVERS = (
    (signals.message_sent, on_message_sent),
    (signals.participants_added, on_participants_added),
    (signals.conversation_read, on_conversation_read),
    (signals.conversation_left, on_conversation_left),
)


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
