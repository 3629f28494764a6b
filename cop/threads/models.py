"""Discussions: tables (categories), threads, posts, their revisions, mentions, read marks."""

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
from cop.versions import version_column

TITLE_MIN, TITLE_MAX = 5, 150
BODY_MIN, BODY_MAX = 2, 30_000


def _created_at() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow, server_default=func.current_timestamp())


def _flag() -> Mapped[bool]:
    return mapped_column(Boolean, default=False, server_default=false())


class Category(db.Model):
    """A discussion table: name and description per language, original as fallback."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    is_archived: Mapped[bool] = _flag()
    # A questions-and-answers table (cop/reactions): a reply can be marked the answer.
    is_qa: Mapped[bool] = _flag()
    original_locale: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    thread_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    post_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = version_column()  # cop.versions: a stale edit form is refused
    created_at: Mapped[datetime] = _created_at()

    translations: Mapped[list[CategoryTranslation]] = relationship(
        back_populates="category", lazy="selectin", cascade="all, delete-orphan"
    )

    def translation(self, locale: str) -> CategoryTranslation | None:
        """The reader's language, else the table's original language, else any."""
        by_locale = {t.locale: t for t in self.translations}
        return (
            by_locale.get(locale)
            or by_locale.get(self.original_locale)
            or next(iter(by_locale.values()), None)
        )

    def name_in(self, locale: str) -> str:
        found = self.translation(locale)
        return found.name if found else self.slug

    def description_in(self, locale: str) -> str:
        found = self.translation(locale)
        return found.description if found else ""

    def language_of(self, locale: str) -> str:
        """The language the name is shown in, for lang= on the page."""
        found = self.translation(locale)
        return found.locale if found else self.original_locale

    def __repr__(self) -> str:
        return f"<Category {self.slug}>"


class CategoryTranslation(db.Model):
    __tablename__ = "category_translations"
    __table_args__ = (UniqueConstraint("category_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")

    category: Mapped[Category] = relationship(back_populates="translations")


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_category_activity", "category_id", "is_pinned", "last_post_at"),
        Index("ix_threads_last_post_at", "last_post_at"),
        Index("ix_threads_created_at", "created_at"),
        Index("ix_threads_reply_count", "reply_count"),
        Index("ix_threads_language", "language"),
        # A member's threads on their profile (migration 0008).
        Index("ix_threads_author_created", "author_id", "created_at"),
        # The home page's latest threads, front-page pins first (migration 0009).
        Index("ix_threads_front", "is_pinned_globally", "last_post_at"),
        # "Waiting for an answer" (cop/waiting, migration 0027): no reply from another
        # member yet, per language, oldest first.
        Index("ix_threads_waiting", "first_other_reply_at", "language", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    language: Mapped[str] = mapped_column(String(10))
    is_pinned: Mapped[bool] = _flag()
    is_locked: Mapped[bool] = _flag()
    is_hidden: Mapped[bool] = _flag()
    # Moderation (cop/moderation): awaiting approval, pinned on the front page, the
    # reason shown to the author when hidden or rejected, where a merged thread went.
    is_pending: Mapped[bool] = _flag()
    is_pinned_globally: Mapped[bool] = _flag()
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    # Moves by one with each saved title (cop.versions): a stale edit form is refused.
    version: Mapped[int] = version_column()
    merged_into_id: Mapped[int | None] = mapped_column(Integer)
    # In a Q&A table, the reply marked as the answer (cop/reactions keeps it: a hidden or
    # deleted answer is unmarked). No foreign key, like last_post_id: posts point here.
    answer_post_id: Mapped[int | None] = mapped_column(Integer)
    # Denormalised, kept by the services: lists read them without aggregates.
    reply_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    post_total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_post_id: Mapped[int | None] = mapped_column(Integer)
    last_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    # When someone other than the author first replied (a visible reply: not deleted,
    # hidden or pending); None while the thread waits for an answer. Kept by cop/waiting's
    # receivers on every change of a reply's visibility or thread.
    first_other_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created_at()

    category: Mapped[Category] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[Member | None] = relationship(foreign_keys=[author_id], lazy="joined")
    last_author: Mapped[Member | None] = relationship(foreign_keys=[last_author_id], lazy="joined")
    # The resource this thread discusses, if any (its key is resources.thread_id).
    # "Resource" is found by SQLAlchemy's class registry: resources builds on threads,
    # so threads does not import it, not even for the type.
    resource: Mapped[Resource | None] = relationship(  # noqa: F821
        back_populates="thread", foreign_keys="Resource.thread_id"
    )

    def __repr__(self) -> str:
        return f"<Thread {self.id}>"


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("thread_id", "position"),
        # One post per form submission: a second press of "Post" finds the first.
        UniqueConstraint("author_id", "client_token"),
        # A member's replies on their profile, newest first (migration 0008).
        Index("ix_posts_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # 1 for the opening post, then 2, 3... in the order they were written.
    position: Mapped[int] = mapped_column(Integer)
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    policy_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    client_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    edit_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Moves by one with each saved edit (cop.versions): a stale edit form is refused.
    version: Mapped[int] = version_column()
    # Who wrote the current version when it is not the author (a moderator's edit).
    last_editor_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    is_hidden: Mapped[bool] = _flag()
    is_pending: Mapped[bool] = _flag()  # awaiting a moderator's approval (cop/moderation)
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    is_deleted: Mapped[bool] = _flag()
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))

    thread: Mapped[Thread] = relationship()
    author: Mapped[Member | None] = relationship(foreign_keys=[author_id])
    deleted_by: Mapped[Member | None] = relationship(foreign_keys=[deleted_by_id])

    @property
    def is_opening(self) -> bool:
        return self.position == 1

    def __repr__(self) -> str:
        return f"<Post {self.id} in thread {self.thread_id}>"


class PostRevision(db.Model):
    """An earlier version of a post, kept when it is edited."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    # Who wrote this version and when it was first shown.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    policy_version: Mapped[int] = mapped_column(Integer)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[Member | None] = relationship()


class Mention(db.Model):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("post_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = _created_at()


class ThreadRead(db.Model):
    """How far a member has read a thread: posts with a larger id are new to them."""

    __tablename__ = "thread_reads"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_post_id: Mapped[int] = mapped_column(Integer)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
