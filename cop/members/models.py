"""Members: the people of the community, with their role, preferences and restriction."""

from __future__ import annotations

import enum
import hashlib
import secrets
import unicodedata
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    event,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cop.extensions import db
from cop.models import UTCDateTime, utcnow
from cop.versions import version_column


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class OrganisationKind(enum.StrEnum):
    PUBLIC_ADMINISTRATION = "public_administration"
    SSE_ORGANISATION = "sse_organisation"
    NGO = "ngo"
    UNIVERSITY = "university"
    NETWORK = "network"
    OTHER = "other"


class Profession(enum.StrEnum):
    POLICY_MAKER = "policy_maker"
    SSE_PRACTITIONER = "sse_practitioner"
    NGO_PRACTITIONER = "ngo_practitioner"
    RESEARCHER = "researcher"
    TRAINER = "trainer"
    OTHER = "other"


class Visibility(enum.StrEnum):
    PUBLIC = "public"  # profile details visible to everyone
    MEMBERS = "members"  # only to signed-in members


def _str_enum(cls: type[enum.StrEnum], length: int = 24) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        length=length,
        values_callable=lambda e: [item.value for item in e],
        validate_strings=True,
    )


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Member(UserMixin, db.Model):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # Unique, made from the display name at registration: /members/<handle> and @handle.
    handle: Mapped[str] = mapped_column(String(48), unique=True)
    # Stored lower-cased (see members.accounts.normalize_email); unique on every backend.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    country: Mapped[str] = mapped_column(String(2))
    organisation: Mapped[str | None] = mapped_column(String(160))
    locale: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [r.value for r in e]),
        default=Role.MEMBER,
        server_default=Role.MEMBER.value,
    )
    # Part of every session and remember-me cookie: replacing it signs the member out
    # everywhere, so copied cookies die with sign-out, password change or reset.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.current_timestamp()
    )
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the member closes the account: from then on nobody can sign in with it and
    # it is gone from the directory, while a background job removes the row itself.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the member opened the link sent to their address (cop.auth.confirming):
    # until then they read but do not write (cop.permissions.can_write).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Profile (cop/members/services.py keeps bio_html in step with bio).
    organisation_kind: Mapped[OrganisationKind | None] = mapped_column(_str_enum(OrganisationKind))
    profession: Mapped[Profession | None] = mapped_column(_str_enum(Profession))
    city: Mapped[str | None] = mapped_column(String(80))
    bio: Mapped[str] = mapped_column(Text, default="", server_default="")
    bio_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The language the bio is written in (the writer's choice); None: unknown, or no bio.
    bio_language: Mapped[str | None] = mapped_column(String(10))
    # Up to three http(s) addresses, in the member's order.
    links: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    visibility: Mapped[Visibility] = mapped_column(
        _str_enum(Visibility, 16), default=Visibility.MEMBERS, server_default="members"
    )
    # Preferences: a CLDR locale for dates and numbers ("ar_JO") and an IANA time zone.
    format_locale: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    # The profile lists the events the member attended only if they choose so (off by
    # default: attendance is theirs to show; cop/events/member_data.py reads it).
    show_events_attended: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Hash of the uploaded picture; None means the generated initials avatar.
    avatar_hash: Mapped[str | None] = mapped_column(String(16))
    # Name, organisation and handle folded (case, accents, harakat) for the directory search:
    # SQLite's lower() knows only ASCII. Kept up to date by the listener below.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Moves by one with each saved profile (cop.versions): a stale profile form is refused.
    version: Mapped[int] = version_column()

    @property
    def is_email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    languages: Mapped[list[MemberLanguage]] = relationship(
        back_populates="member",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MemberLanguage.code",
    )
    expertise: Mapped[list[MemberExpertise]] = relationship(
        back_populates="member",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MemberExpertise.tag",
    )
    # A suspension or ban (cop/moderation sets it), loaded with the member in the same
    # query: the write checks of cop.permissions cost nothing.
    restriction: Mapped[MemberRestriction | None] = relationship(
        back_populates="member", uselist=False, lazy="joined", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_members_directory", "visibility", "country"),
        Index("ix_members_country", "country"),
        Index("ix_members_organisation_kind", "organisation_kind"),
        Index("ix_members_profession", "profession"),
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_public(self) -> bool:
        return self.visibility is Visibility.PUBLIC

    @property
    def avatar_version(self) -> str:
        """Changes whenever the avatar image would: part of its URL, so it caches for long."""
        if self.avatar_hash:
            return self.avatar_hash
        digest = hashlib.sha256(f"{AVATAR_STYLE}|{self.display_name}".encode()).hexdigest()
        return "i" + digest[:12]

    def __repr__(self) -> str:
        return f"<Member {self.id} {self.role.value}>"


def fold_for_search(*parts: str | None) -> str:
    """'Inês  CARVALHO' -> 'ines carvalho'; Greek tonos and Arabic short vowels go too."""
    text = unicodedata.normalize("NFKD", " ".join(p for p in parts if p).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch != "\u0640")
    return " ".join(unicodedata.normalize("NFC", text).split())


@event.listens_for(Member, "before_insert")
@event.listens_for(Member, "before_update")
def _refresh_search_text(_mapper, _connection, member: Member) -> None:
    member.search_text = fold_for_search(member.display_name, member.organisation, member.handle)


# Bump when the generated avatar's drawing changes, so browsers fetch the new one.
AVATAR_STYLE = 2


class MemberLanguage(db.Model):
    """A language the member speaks (ISO 639-1 code): the directory filters on it."""

    __tablename__ = "member_languages"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)
    member: Mapped[Member] = relationship(back_populates="languages")


class MemberExpertise(db.Model):
    """An area of expertise: a suggested key ("co_production") or the member's own words."""

    __tablename__ = "member_expertise"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(48), primary_key=True, index=True)
    member: Mapped[Member] = relationship(back_populates="expertise")


class MemberAvatar(db.Model):
    """The re-encoded picture itself: small (a few KB), so it lives in the database."""

    __tablename__ = "member_avatars"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    mimetype: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemberRestriction(db.Model):
    """A member's suspension (read only until a date) or ban (no sign-in)."""

    __tablename__ = "member_restrictions"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    is_banned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ban_reason: Mapped[str] = mapped_column(Text, default="")
    # Warnings not acknowledged yet: the banner queries them only when this is > 0.
    unread_warnings: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    member: Mapped[Member] = relationship(back_populates="restriction")

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()
