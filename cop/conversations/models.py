"""Private conversations: their participants and messages, reports of a message to the
moderators, and the blocks members set against each other.

Nothing here is shown to visitors (the tables are quiet: cop.contentversion), and each
row is read only by the conversation's participants, or by a moderator through a report.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.members.models import Member
from cop.models import UTCDateTime, utcnow

SUBJECT_MIN, SUBJECT_MAX = 2, 150
BODY_MIN, BODY_MAX = 1, 20_000
REASON_MAX = 1_000


def _created_at() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow, server_default=func.current_timestamp())


class Conversation(db.Model):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # Denormalised, kept by the services: the list and the unread counts read them.
    message_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_message_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created_at()

    started_by: Mapped[Member | None] = relationship()
    participants: Mapped[list[ConversationParticipant]] = relationship(
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ConversationParticipant.joined_at",
    )

    def __repr__(self) -> str:
        return f"<Conversation {self.id}>"


class ConversationParticipant(db.Model):
    """A member in a conversation, and how far they have read it (message ids above
    `last_read_message_id` are new to them). A member who left keeps the row, with
    `left_at` set: they no longer see the conversation, the others see they left."""

    __tablename__ = "conversation_participants"
    __table_args__ = (Index("ix_conversation_participants_member", "member_id", "left_at"),)

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    last_read_message_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    joined_at: Mapped[datetime] = _created_at()
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    conversation: Mapped[Conversation] = relationship(back_populates="participants")
    member: Mapped[Member] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Message(db.Model):
    __tablename__ = "conversation_messages"
    __table_args__ = (
        # One message per form submission: a second press of "Send" finds the first.
        UniqueConstraint("author_id", "client_token"),
        Index("ix_conversation_messages_conversation", "conversation_id", "id"),
        Index("ix_conversation_messages_author", "author_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # None once the author's account is closed: "former member" (anonymize_member_conversations).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    policy_version: Mapped[int] = mapped_column(Integer)
    client_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()

    conversation: Mapped[Conversation] = relationship()
    author: Mapped[Member | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<Message {self.id} in conversation {self.conversation_id}>"


class ConversationReport(db.Model):
    """A message reported to the moderators: while it is open, moderators may read
    that one conversation (and no other)."""

    __tablename__ = "conversation_reports"
    __table_args__ = (
        UniqueConstraint("message_id", "reporter_id"),
        Index("ix_conversation_reports_open", "resolved_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int] = mapped_column(
        ForeignKey("conversation_messages.id", ondelete="CASCADE")
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = _created_at()
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )

    conversation: Mapped[Conversation] = relationship()
    message: Mapped[Message] = relationship()
    reporter: Mapped[Member | None] = relationship(foreign_keys=[reporter_id])


class MemberBlock(db.Model):
    """`member_id` blocked `blocked_id`: the blocked member can no longer write to them
    (nor add them to a conversation); with `hide_posts`, the blocker no longer reads the
    blocked member's posts in threads (a line says a post is hidden)."""

    __tablename__ = "member_blocks"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    blocked_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    hide_posts: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = _created_at()

    blocked: Mapped[Member] = relationship(foreign_keys=[blocked_id], lazy="joined")
