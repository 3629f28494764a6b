"""The search index: one row per searchable thing, kept in step by cop/search/index.py.

Only what members may see is in the index: hidden, deleted, pending and removed content
leaves it at once. Member profiles visible to members only are kept and flagged, since
signed-in members may find them. The full-text engine lives beside this table and is
created by the migrations (0007, 0010): an FTS5 external-content table `search_fts`
(title_tokens, body_tokens, kind; kept in step by triggers) on SQLite, a generated
`search_fts_vector` tsvector column with a GIN index on PostgreSQL. Both read the
pre-analysed `title_tokens` and `body_tokens`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow

# A "translation" is a member's translation of a thread's title, a reply or a resource
# (cop/search/translated.py): found in its own language, linked to its original.
KINDS = ("thread", "post", "resource", "event", "member", "translation")
# The kinds whose documents may be flagged is_members_only (cop/search/index.py checks
# it): searching other kinds needs no look at the flag.
MEMBERS_ONLY_KINDS = frozenset({"member"})


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_kind_created", "kind", "created_at"),
        Index("ix_search_documents_thread_id", "thread_id"),
        Index("ix_search_documents_original", "original_kind", "original_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(Integer)
    # For links: a post's thread, a member's handle.
    thread_id: Mapped[int | None] = mapped_column(Integer)
    handle: Mapped[str | None] = mapped_column(String(48))
    # As written, for display and snippets.
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # Normalized, unstemmed words: quoted phrases match here.
    title_normalized: Mapped[str] = mapped_column(Text, default="")
    body_normalized: Mapped[str] = mapped_column(Text, default="")
    # Stemmed tokens: the full-text engine indexes these.
    title_tokens: Mapped[str] = mapped_column(Text, default="")
    body_tokens: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(10), index=True)
    category_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_country: Mapped[str | None] = mapped_column(String(2), index=True)
    resource_type: Mapped[str | None] = mapped_column(String(32))
    # An event's state ("published", "cancelled": a cancelled event stays findable,
    # marked); None for the other kinds.
    state: Mapped[str | None] = mapped_column(String(16))
    # A translation's original: "post", "thread" or "resource", and its id.
    original_kind: Mapped[str | None] = mapped_column(String(16))
    original_id: Mapped[int | None] = mapped_column(Integer)
    is_members_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchDocument {self.kind} {self.object_id}>"
