"""Translations of content: one table for every kind of text, written by members or
machines, and the revisions of the members' ones.

A translation names its original by `kind` and `object_id` (no foreign key: one column
points into four tables, like notices and bookmarks do) and remembers the digest of the
original's text it was made from: when the original is edited the digest differs and the
translation is outdated (cop/translations/sources.py computes both).
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
from cop.versions import version_column

# What can be translated: a post's body, a thread's title, a resource's title and
# description, a discussion table's description (its name has the table's own
# per-locale texts: cop/threads CategoryTranslation, edited by admins).
KINDS = ("post", "thread", "resource", "category")
MEMBER, MACHINE = "member", "machine"
TITLE_MAX = 300
BODY_MAX = 30_000


class ContentTranslation(db.Model):
    """One text in one language: a member's translation, or a machine's (`provider`).

    One member translation per original and language (others improve it: its revisions
    keep every version), and one machine translation per original, language and source
    digest (an edited original asks the provider again; older ones are outdated).
    """

    __tablename__ = "content_translations"
    __table_args__ = (
        UniqueConstraint("kind", "object_id", "language", "origin", "source_digest"),
        Index("ix_content_translations_object", "kind", "object_id", "language"),
        Index("ix_content_translations_translator", "translator_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    origin: Mapped[str] = mapped_column(String(10), default=MEMBER, server_default=MEMBER)
    # The machine's name as shown to readers ("LibreTranslate", "DeepL"); None for members.
    provider: Mapped[str | None] = mapped_column(String(40))
    # A thread's title, a resource's title: None for a post or a table's description.
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    # Markdown as written (a member) or as the machine returned it; the sanitized HTML
    # rendered from it at write time is what pages show.
    body_source: Mapped[str] = mapped_column(Text, default="", server_default="")
    body_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    policy_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # sha256 of the original's text this translation was made from (sources.digest_of).
    source_digest: Mapped[str] = mapped_column(String(64))
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    last_editor_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = version_column()  # cop.versions: a stale edit form is refused
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    moderation_reason: Mapped[str | None] = mapped_column(Text)

    translator: Mapped[Member | None] = relationship(foreign_keys=[translator_id])
    last_editor: Mapped[Member | None] = relationship(foreign_keys=[last_editor_id])
    revisions: Mapped[list[TranslationRevision]] = relationship(
        back_populates="translation",
        cascade="all, delete-orphan",
        order_by="TranslationRevision.id",
    )

    @property
    def is_machine(self) -> bool:
        return self.origin == MACHINE

    def __repr__(self) -> str:
        return f"<ContentTranslation {self.kind}:{self.object_id} {self.language} {self.origin}>"


class TranslationRevision(db.Model):
    """A member translation as it was before an edit (its history, newest last)."""

    __tablename__ = "translation_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("content_translations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    body_source: Mapped[str] = mapped_column(Text, default="", server_default="")
    body_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_digest: Mapped[str] = mapped_column(String(64))
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )

    translation: Mapped[ContentTranslation] = relationship(back_populates="revisions")
    editor: Mapped[Member | None] = relationship()
