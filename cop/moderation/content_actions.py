"""What moderators do to content: hide and show posts, threads, resources, events and
translations (cop/moderation/translation_actions.py); lock and pin threads; approve or
reject what waits for approval.

One small function per verb: each writes one audit event (cop.moderation.audit) and
sends the cop.signals signal documented there, so notifications reach the author in
their language. They add and flush, never commit.
"""

from __future__ import annotations

from sqlalchemy import select

from cop import signals
from cop.events.models import Event
from cop.extensions import db
from cop.members.models import Member
from cop.moderation import translation_actions
from cop.moderation.audit import record_event, target_of
from cop.resources import services as resource_services
from cop.resources.models import Resource
from cop.threads.models import Post, Thread
from cop.threads.services import refresh_last_post
from cop.translations.models import ContentTranslation

Content = Post | Thread | Resource | Event | ContentTranslation

# Hiding and showing


def hide_content(target: Content, *, moderator: Member, reason: str) -> bool:
    """Invisible to members, visible to moderators with a mark; never deleted."""
    if isinstance(target, ContentTranslation):
        return translation_actions.hide_translation(target, moderator=moderator, reason=reason)
    if isinstance(target, Event):
        # Gone from lists, feeds, calendars and search (their receivers hear the signal);
        # its organisers and the moderators still open it, marked.
        if target.is_hidden:
            return False
        target.is_hidden = True
        db.session.flush()
        record_event("hide_event", target, actor=moderator, reason=reason)
        signals.event_hidden.send(target, actor=moderator, reason=reason)
        return True
    if isinstance(target, Resource):
        # Audited by the resource_removed receiver (cop/moderation/receivers.py).
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


def show_content(target: Content, *, moderator: Member, reason: str = "") -> bool:
    if isinstance(target, ContentTranslation):
        return translation_actions.show_translation(target, moderator=moderator, reason=reason)
    if isinstance(target, Event):
        if not target.is_hidden:
            return False
        target.is_hidden = False
        db.session.flush()
        record_event("unhide_event", target, actor=moderator, reason=reason)
        signals.event_shown.send(target, actor=moderator, reason=reason)
        return True
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
