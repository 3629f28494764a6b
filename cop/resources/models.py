"""The resource library: shared materials, their language versions and stored bytes."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.members.models import Member
from cop.models import UTCDateTime, utcnow
from cop.threads.models import Thread
from cop.versions import version_column


class ResourceType(enum.StrEnum):
    TRAINING_MODULE = "training_module"
    WORKSHOP_MATERIAL = "workshop_material"
    TOOLKIT = "toolkit"
    POLICY_BRIEF = "policy_brief"
    RESEARCH_REPORT = "research_report"
    CASE_STUDY = "case_study"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(TYPE_LABELS[self])


TYPE_LABELS = {
    ResourceType.TRAINING_MODULE: _l("Training module"),
    ResourceType.WORKSHOP_MATERIAL: _l("Workshop material"),
    ResourceType.TOOLKIT: _l("Toolkit"),
    ResourceType.POLICY_BRIEF: _l("Policy brief"),
    ResourceType.RESEARCH_REPORT: _l("Research report"),
    ResourceType.CASE_STUDY: _l("Case study"),
    ResourceType.OTHER: _l("Other"),
}

# Licence codes stored in the database; labels are shown translated.
LICENCE_LABELS = {
    "cc-by-4.0": _l("Creative Commons Attribution 4.0 (CC BY)"),
    "cc-by-sa-4.0": _l("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA)"),
    "cc-by-nc-4.0": _l("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC)"),
    "cc-by-nc-sa-4.0": _l(
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA)"
    ),
    "cc0-1.0": _l("Public domain (CC0)"),
    "all-rights-reserved": _l("All rights reserved: ask the authors before reuse"),
    "other": _l("Other licence: see the description"),
}


resource_tag_links = Table(
    "resource_tag_links",
    db.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "tag_id", ForeignKey("resource_tags.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class ResourceTag(db.Model):
    __tablename__ = "resource_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    # casefolded name: "Co-production" and "co-production" are one tag.
    key: Mapped[str] = mapped_column(String(40), unique=True)


class Resource(db.Model):
    __tablename__ = "resources"
    __table_args__ = (
        Index("ix_resources_listing_created", "is_removed", "created_at"),
        Index("ix_resources_listing_downloads", "is_removed", "download_count"),
        Index("ix_resources_listing_title", "is_removed", "title"),
        # The list's count by type and its country filter choices (migration 0008).
        Index("ix_resources_listing_type", "is_removed", "type"),
        Index("ix_resources_listing_country", "is_removed", "country"),
        # A member's shared resources on their profile (migration 0009).
        Index("ix_resources_sharer_listing", "sharer_id", "is_removed", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[ResourceType] = mapped_column(
        Enum(
            ResourceType,
            name="resource_type",
            native_enum=False,
            length=32,
            values_callable=lambda e: [t.value for t in e],
        ),
        index=True,
    )
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    licence: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(300), default="")
    funding: Mapped[str] = mapped_column(String(500), default="")
    original_language: Mapped[str] = mapped_column(String(5))
    external_url: Mapped[str | None] = mapped_column(String(2000))
    sharer_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    download_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    removal_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    version: Mapped[int] = version_column()  # cop.versions: a stale edit form is refused
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("threads.id", ondelete="SET NULL"), unique=True
    )

    sharer: Mapped[Member | None] = relationship(foreign_keys=[sharer_id])
    removed_by: Mapped[Member | None] = relationship(foreign_keys=[removed_by_id])
    tags: Mapped[list[ResourceTag]] = relationship(
        secondary=resource_tag_links, order_by=ResourceTag.key
    )
    files: Mapped[list[ResourceFile]] = relationship(
        back_populates="resource",
        cascade="all, delete-orphan",
        order_by="(ResourceFile.language, ResourceFile.version.desc())",
    )
    # The resource's discussion thread; thread.resource is its way back.
    thread: Mapped[Thread | None] = relationship(
        foreign_keys=[thread_id], back_populates="resource"
    )

    @property
    def current_files(self) -> list[ResourceFile]:
        return [f for f in self.files if f.is_current]

    @property
    def languages(self) -> list[str]:
        return sorted({f.language for f in self.files if f.is_current})

    def __repr__(self) -> str:
        return f"<Resource {self.id}>"


class StoredBlob(db.Model):
    """One stored file's bytes, named by their SHA-256: shared by every upload of them."""

    __tablename__ = "stored_blobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ResourceFile(db.Model):
    """One version of a resource in one language. One per language is current."""

    __tablename__ = "resource_files"
    __table_args__ = (
        UniqueConstraint("resource_id", "language", "version"),
        Index("ix_resource_files_current", "resource_id", "is_current", "language"),
        Index("ix_resource_files_language_current", "language", "is_current"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(5))
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    possibly_outdated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    blob_id: Mapped[int] = mapped_column(ForeignKey("stored_blobs.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # filetypes.KINDS code
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    resource: Mapped[Resource] = relationship(back_populates="files")
    blob: Mapped[StoredBlob] = relationship()
    uploaded_by: Mapped[Member | None] = relationship()

    def __repr__(self) -> str:
        return f"<ResourceFile {self.id} {self.language} v{self.version}>"


class ResourceDownload(db.Model):
    """One counted download: at most one per resource, visitor and day."""

    __tablename__ = "resource_downloads"
    __table_args__ = (UniqueConstraint("resource_id", "visitor_key", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    resource_file_id: Mapped[int] = mapped_column(
        ForeignKey("resource_files.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # "m<member id>" for members; for visitors a keyed hash of address and day (see services).
    visitor_key: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
