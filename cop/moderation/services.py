"""Moderation services: one small function per verb. They add and flush, never commit.

Every verb writes one ModerationEvent (the audit log) and sends the cop.signals signal
documented there, so notifications reach the author in their language.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from cop import signals
from cop.auth.services import end_all_sessions
from cop.database import insert_ignore, upsert
from cop.extensions import db
from cop.members.models import Member, Role
from cop.models import utcnow
from cop.moderation.models import (
    MemberRestriction,
    MemberWarning,
    ModerationEvent,
    ModeratorLanguage,
    Report,
    ReportState,
)
from cop.resources import services as resource_services
from cop.resources.models import Resource
from cop.sitesettings import SiteSetting, defaults, forget_cached_settings
from cop.threads.models import Post, Thread

logger = logging.getLogger(__name__)

Target = Post | Thread | Resource | Member


# The audit log


def target_of(target: Target) -> tuple[str, int, str]:
    """(type, id, label) of a moderated object, the label a snapshot for the log."""
    if isinstance(target, Post):
        return "post", target.id, (target.thread.title if target.thread else "")[:200]
    if isinstance(target, Thread):
        return "thread", target.id, target.title[:200]
    if isinstance(target, Resource):
        return "resource", target.id, target.title[:200]
    return "member", target.id, f"{target.display_name} (@{target.handle})"[:200]


def record_event(
    action: str,
    target: Target | None,
    *,
    actor: Member | None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    target_type: str | None = None,
) -> ModerationEvent:
    kind, target_id, label = target_of(target) if target is not None else (target_type, None, "")
    event = ModerationEvent(
        actor_id=actor.id if actor else None,
        actor_name=actor.display_name if actor else "",
        action=action,
        target_type=kind or "site",
        target_id=target_id,
        target_label=label,
        reason=(reason or "").strip(),
        data=data or {},
    )
    db.session.add(event)
    db.session.flush()
    logger.info("moderation %s on %s %s by %s", action, kind, target_id, event.actor_id)
    return event


# Reports


class AlreadyReportedError(Exception):
    """This member reported this item already."""


def report_content(target: Target, *, reporter: Member, reason: str, note: str = "") -> Report:
    """A new open report; AlreadyReportedError if this member reported this item before,
    even a moment ago in another request (an insert that ignores the duplicate)."""
    kind, target_id, label = target_of(target)
    author_id, language, category_id = _context_of(target)
    report_id = insert_ignore(
        Report,
        ["reporter_id", "target_type", "target_id"],
        reporter_id=reporter.id,
        target_type=kind,
        target_id=target_id,
        target_label=label,
        author_id=author_id,
        language=language,
        category_id=category_id,
        reason=reason,
        note=(note or "").strip(),
        state=ReportState.OPEN.value,
    )
    if report_id is None:
        raise AlreadyReportedError(kind)
    logger.info("member %s reported %s %s", reporter.id, kind, target_id)
    return db.session.get(Report, report_id)


def _context_of(target: Target) -> tuple[int | None, str | None, int | None]:
    if isinstance(target, Post):
        return target.author_id, target.language, target.thread.category_id
    if isinstance(target, Thread):
        return target.author_id, target.language, target.category_id
    if isinstance(target, Resource):
        return target.sharer_id, target.original_language, None
    return target.id, target.locale, None


def is_own(target: Target, member: Member) -> bool:
    """Members do not report what they wrote, shared, or their own profile."""
    return _context_of(target)[0] == member.id


def resolve_report(
    report: Report, *, moderator: Member, state: ReportState, note: str = ""
) -> bool:
    """Close a report (resolved or dismissed) with a note; False if closed already."""
    if report.state != ReportState.OPEN:
        return False
    report.state = state
    report.resolved_by_id = moderator.id
    report.resolution_note = (note or "").strip()
    report.resolved_at = utcnow()
    record_event(
        f"report_{state.value}",
        None,
        actor=moderator,
        reason=note,
        target_type="report",
        data={"report_id": report.id, "on": [report.target_type, report.target_id]},
    ).target_id = report.id
    return True


def resolve_reports_on(target: Target, *, moderator: Member, note: str) -> int:
    """Every open report about this item is resolved (it was acted upon)."""
    kind, target_id, _label = target_of(target)
    reports = db.session.scalars(
        select(Report).where(
            Report.target_type == kind,
            Report.target_id == target_id,
            Report.state == ReportState.OPEN,
        )
    )
    count = 0
    for report in reports:
        count += resolve_report(report, moderator=moderator, state=ReportState.RESOLVED, note=note)
    return count


# Hiding and showing content


def hide_content(target: Post | Thread | Resource, *, moderator: Member, reason: str) -> bool:
    """Invisible to members, visible to moderators with a mark; never deleted."""
    if isinstance(target, Resource):
        # Audited by the resource_removed receiver (cop/moderation wiring).
        if not resource_services.remove_resource(target, moderator=moderator, reason=reason):
            return False
    else:
        if target.is_hidden:
            return False
        target.is_hidden = True
        target.moderation_reason = (reason or "").strip()
        _after_visibility_change(target)
        record_event(f"hide_{target_of(target)[0]}", target, actor=moderator, reason=reason)
    signals.content_hidden.send(target, actor=moderator, reason=reason)
    return True


def show_content(target: Post | Thread | Resource, *, moderator: Member, reason: str = "") -> bool:
    if isinstance(target, Resource):
        if not resource_services.restore_resource(target, moderator=moderator):
            return False
    else:
        if not target.is_hidden:
            return False
        target.is_hidden = False
        target.moderation_reason = None
        _after_visibility_change(target)
        record_event(f"unhide_{target_of(target)[0]}", target, actor=moderator, reason=reason)
    signals.content_shown.send(target, actor=moderator, reason=reason)
    return True


def _after_visibility_change(target: Post | Thread) -> None:
    from cop.threads.services import refresh_last_post

    db.session.flush()
    if isinstance(target, Post):
        refresh_last_post(target.thread)


# Locking and pinning


def set_thread_flag(
    thread: Thread, flag: str, value: bool, *, moderator: Member, reason: str = ""
) -> bool:
    """lock / pin / pin_globally a thread (value True) or undo it (False)."""
    column = {"lock": "is_locked", "pin": "is_pinned", "pin_globally": "is_pinned_globally"}[flag]
    if getattr(thread, column) == value:
        return False
    setattr(thread, column, value)
    action = {"lock": ("lock", "unlock"), "pin": ("pin", "unpin")}.get(
        flag, ("pin_globally", "unpin_globally")
    )[0 if value else 1]
    record_event(f"{action}_thread", thread, actor=moderator, reason=reason)
    signals.thread_changed.send(thread)
    return True


# Approval


def approve_content(target: Post | Thread, *, moderator: Member, reason: str = "") -> bool:
    post, thread = _post_and_thread(target)
    if not post.is_pending and not thread.is_pending:
        return False
    post.is_pending = False
    if post.is_opening:
        thread.is_pending = False
    record_event(f"approve_{target_of(target)[0]}", target, actor=moderator, reason=reason)
    signals.content_approved.send(target, actor=moderator, reason=reason)
    return True


def reject_content(target: Post | Thread, *, moderator: Member, reason: str) -> bool:
    """Rejected content stays, hidden, with the reason its author sees."""
    post, thread = _post_and_thread(target)
    if not post.is_pending and not thread.is_pending:
        return False
    post.is_pending = False
    item: Post | Thread = post
    if post.is_opening:
        thread.is_pending = False
        item = thread
    item.is_hidden = True
    item.moderation_reason = (reason or "").strip()
    _after_visibility_change(item)
    record_event(
        f"reject_{target_of(target)[0]}",
        target,
        actor=moderator,
        reason=reason,
        data={"rejected": True},
    )
    signals.content_rejected.send(target, actor=moderator, reason=reason)
    return True


def _post_and_thread(target: Post | Thread) -> tuple[Post, Thread]:
    if isinstance(target, Post):
        return target, target.thread
    opening = db.session.scalar(select(Post).where(Post.thread_id == target.id, Post.position == 1))
    return opening, target


# Members: warnings, suspensions, bans, roles


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


def change_role(member: Member, *, admin: Member, role: Role, reason: str = "") -> bool:
    from cop.auth.services import set_role

    if member.role == role:
        return False
    before = member.role.value
    set_role(member, role)
    db.session.flush()
    record_event(
        "change_role", member, actor=admin, reason=reason, data={"from": before, "to": role.value}
    )
    return True


def set_moderator_languages(member: Member, codes: list[str]) -> None:
    current = set(
        db.session.scalars(
            select(ModeratorLanguage.code).where(ModeratorLanguage.member_id == member.id)
        )
    )
    # Statements that tolerate the same form saved twice at once.
    gone = current - set(codes)
    if gone:
        db.session.execute(
            delete(ModeratorLanguage).where(
                ModeratorLanguage.member_id == member.id, ModeratorLanguage.code.in_(gone)
            )
        )
    for code in set(codes) - current:
        insert_ignore(ModeratorLanguage, ["member_id", "code"], member_id=member.id, code=code)


# Site settings


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
            values = {"key": key, "value": value, "updated_at": utcnow()}
            upsert(SiteSetting, ["key"], values, {"value": value, "updated_at": utcnow()})
        else:
            row.value = value
        changed[key] = [old, value]
    db.session.flush()
    forget_cached_settings()
    if changed:
        record_event("update_settings", None, actor=admin, target_type="site", data=changed)
    return changed
