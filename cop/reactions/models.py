"""Reactions to posts: a small fixed set of kinds, one per member per kind and post."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.members.models import Member
from cop.models import UTCDateTime, utcnow


class ReactionKind(enum.StrEnum):
    THANKS = "thanks"
    HELPFUL = "helpful"
    AGREE = "agree"


KINDS = tuple(kind.value for kind in ReactionKind)


class PostReaction(db.Model):
    """A member's reaction of one kind to a post. `thread_id` is the post's thread,
    copied: a reaction changes its thread's cached pages (cop.contentscopes) and a
    reader's reactions on a thread page are one indexed look-up."""

    __tablename__ = "post_reactions"
    __table_args__ = (
        UniqueConstraint("post_id", "member_id", "kind"),
        Index("ix_post_reactions_member_thread", "member_id", "thread_id"),
        Index("ix_post_reactions_thread", "thread_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )

    member: Mapped[Member] = relationship()
