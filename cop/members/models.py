"""Members: the people of the community, with their role and preferences."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, String, func
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Member(UserMixin, db.Model):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # Unique, made from the display name at registration: /members/<handle> and @handle.
    handle: Mapped[str] = mapped_column(String(48), unique=True)
    # Stored lower-cased (see auth.services.normalize_email); unique on every backend.
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

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<Member {self.id} {self.role.value}>"
