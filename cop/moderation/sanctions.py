"""Sanctions on members: warnings, suspensions (read only until a date), bans.

A member's restriction row (cop.members.models.MemberRestriction) is their state; these
services change it, write the audit event and send the cop.signals signal. They add and
flush, never commit.
"""

from __future__ import annotations

from datetime import datetime

from cop import signals
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.accounts import end_all_sessions
from cop.members.models import Member, MemberRestriction
from cop.models import utcnow
from cop.moderation.audit import record_event
from cop.moderation.models import MemberWarning


def warn_member(member: Member, *, moderator: Member, message: str) -> MemberWarning:
    warning = MemberWarning(member_id=member.id, actor_id=moderator.id, message=message.strip())
    db.session.add(warning)
    restriction = _restriction(member)
    restriction.unread_warnings = (restriction.unread_warnings or 0) + 1
    db.session.flush()
    record_event("warn_member", member, actor=moderator, reason=message)
    signals.member_warned.send(member, actor=moderator, message=message)
    return warning


def acknowledge_warning(warning: MemberWarning, *, member: Member) -> None:
    if warning.acknowledged_at is None:
        warning.acknowledged_at = utcnow()
        restriction = _restriction(member)
        restriction.unread_warnings = max((restriction.unread_warnings or 1) - 1, 0)
        db.session.flush()


def _restriction(member: Member) -> MemberRestriction:
    if member.restriction is None:
        # Two moderators acting at once: the other's row may have gone in meanwhile.
        insert_ignore(MemberRestriction, ["member_id"], member_id=member.id)
        db.session.refresh(member, ["restriction"])
    return member.restriction


def suspend_member(member: Member, *, moderator: Member, until: datetime, reason: str) -> None:
    """Read only until `until`: every write path refuses at once (cop.permissions.can_write)."""
    restriction = _restriction(member)
    restriction.suspended_until = until
    restriction.suspension_reason = reason.strip()
    db.session.flush()
    record_event(
        "suspend_member", member, actor=moderator, reason=reason, data={"until": until.isoformat()}
    )
    signals.member_suspended.send(member, actor=moderator, until=until, reason=reason)


def lift_suspension(member: Member, *, moderator: Member, reason: str = "") -> bool:
    restriction = member.restriction
    if restriction is None or restriction.suspended_until is None:
        return False
    restriction.suspended_until = None
    restriction.suspension_reason = ""
    db.session.flush()
    record_event("lift_suspension", member, actor=moderator, reason=reason)
    return True


def ban_member(member: Member, *, moderator: Member, reason: str) -> bool:
    """No more sign-in; every current session ends."""
    restriction = _restriction(member)
    if restriction.is_banned:
        return False
    restriction.is_banned = True
    restriction.ban_reason = reason.strip()
    end_all_sessions(member)
    db.session.flush()
    record_event("ban_member", member, actor=moderator, reason=reason)
    signals.member_banned.send(member, actor=moderator, reason=reason)
    return True


def lift_ban(member: Member, *, moderator: Member, reason: str = "") -> bool:
    restriction = member.restriction
    if restriction is None or not restriction.is_banned:
        return False
    restriction.is_banned = False
    restriction.ban_reason = ""
    db.session.flush()
    record_event("lift_ban", member, actor=moderator, reason=reason)
    return True
