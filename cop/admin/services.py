"""What admins change: members' roles and the site settings. Each change is written to
the moderation audit log. Services: they add and flush, never commit."""

from __future__ import annotations

from typing import Any

from cop.auth.services import set_role
from cop.database import upsert
from cop.extensions import db
from cop.members.models import Member, Role
from cop.models import utcnow
from cop.moderation.audit import record_event
from cop.sitesettings import SiteSetting, defaults, forget_cached_settings


def change_role(member: Member, *, admin: Member, role: Role, reason: str = "") -> bool:
    if member.role == role:
        return False
    before = member.role.value
    set_role(member, role)
    db.session.flush()
    record_event(
        "change_role", member, actor=admin, reason=reason, data={"from": before, "to": role.value}
    )
    return True


def update_settings(values: dict[str, Any], *, admin: Member) -> dict[str, Any]:
    """Store the settings that changed; the audit log keeps the old and new values."""
    changed: dict[str, Any] = {}
    for key, value in values.items():
        if key not in defaults():
            continue
        row = db.session.get(SiteSetting, key)
        old = row.value if row is not None else defaults()[key]
        if old == value:
            continue
        if row is None:  # an upsert: the same form saved twice at once
            row_values = {"key": key, "value": value, "updated_at": utcnow()}
            upsert(SiteSetting, ["key"], row_values, {"value": value, "updated_at": utcnow()})
        else:
            row.value = value
        changed[key] = [old, value]
    db.session.flush()
    forget_cached_settings()
    if changed:
        record_event("update_settings", None, actor=admin, target_type="site", data=changed)
    return changed
