"""The community's pages (code of conduct, privacy notice...) and who accepted which version.

A page is a slug; each save by an admin adds a revision in one language with the next
version number of that page, so the history is kept and an acceptance names exactly the
text it was given. Shipped texts (cop/pages/defaults) are version 1 of every page.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow


class PageRevision(db.Model):
    __tablename__ = "page_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32))
    # One number per page across its languages: saving any language moves it by one.
    version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # A material change is shown once to every member at their next visit.
    is_material: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        # Two admins saving at once cannot both take the same number.
        UniqueConstraint("slug", "version"),
        Index("ix_page_revisions_slug_language", "slug", "language", "version"),
    )


class PolicyAcceptance(db.Model):
    __tablename__ = "policy_acceptances"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("member_id", "slug", "version"),)
