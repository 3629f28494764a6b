"""Site settings kept in the database (admins change them), read once per request.

Until an admin stores a value, each setting comes from the app config (cop/config.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import JSON, String, select
from sqlalchemy.orm import Mapped, mapped_column

from cop.extensions import db
from cop.models import UTCDateTime, utcnow


class SiteSetting(db.Model):
    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


# setting -> config key giving its default
CONFIG_KEYS: dict[str, str] = {
    "approval_count": "MODERATION_APPROVAL_COUNT",  # posts wait until N were approved
    "new_member_posts": "MODERATION_NEW_MEMBER_POSTS",  # below this, a member is new
    "link_limit": "MODERATION_LINK_LIMIT",  # a new member's post with more links waits
    "upload_limit_mb": "MODERATION_UPLOAD_LIMIT_MB",
    "registration_open": "MODERATION_REGISTRATION_OPEN",
}
FALLBACKS: dict[str, Any] = {
    "approval_count": 2,
    "new_member_posts": 10,
    "link_limit": 2,
    "upload_limit_mb": 50,
    "registration_open": True,
}


def defaults() -> dict[str, Any]:
    config = current_app.config if has_app_context() else {}
    return {key: config.get(CONFIG_KEYS[key], FALLBACKS[key]) for key in CONFIG_KEYS}


def site_settings() -> dict[str, Any]:
    """Every setting, stored or default (one query per request)."""
    cached = g.get("_cop_site_settings") if has_app_context() else None
    if cached is not None:
        return cached
    stored = {s.key: s.value for s in db.session.scalars(select(SiteSetting))}
    values = {key: stored.get(key, default) for key, default in defaults().items()}
    if has_app_context():
        g._cop_site_settings = values
    return values


def setting(key: str) -> Any:
    return site_settings()[key]


def forget_cached_settings() -> None:
    g.pop("_cop_site_settings", None)


def upload_limit() -> int | None:
    """Bytes an upload may have: the site setting, never above MAX_CONTENT_LENGTH."""
    configured = current_app.config.get("MAX_CONTENT_LENGTH")
    chosen = int(setting("upload_limit_mb")) * 1024 * 1024
    return min(configured, chosen) if configured else chosen
