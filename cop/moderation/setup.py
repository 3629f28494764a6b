"""Wiring of moderation into the app: banners, audit of resource removals,
upload limit from the site settings."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user, logout_user

from cop import permissions, signals


def _banner_context() -> dict:
    """What the banners need; warnings are queried only when some wait to be read."""
    restriction = (
        getattr(current_user, "restriction", None) if current_user.is_authenticated else None
    )
    warnings = []
    if restriction is not None and restriction.unread_warnings:
        from cop.moderation.queries import unacknowledged_warnings

        warnings = unacknowledged_warnings(current_user)
    return {
        "member_restriction": restriction,
        "member_warnings": warnings,
        "can_report": permissions.can_report,
        "can_moderate": permissions.can_moderate,
    }


def _audit_resource_removed(resource, *, actor=None, **_) -> None:
    from cop.moderation.services import record_event

    record_event("hide_resource", resource, actor=actor, reason=resource.removal_reason or "")


def _audit_resource_restored(resource, *, actor=None, **_) -> None:
    from cop.moderation.services import record_event

    record_event("unhide_resource", resource, actor=actor)


def _audit_category_changed(category, *, actor=None, change="edit", **_) -> None:
    from cop.moderation.services import record_event

    event = record_event(f"{change}_category", None, actor=actor, target_type="category")
    event.target_id = category.id
    event.target_label = category.slug


def _by_moderator(post, actor) -> bool:
    return actor is not None and actor.is_moderator and actor.id != post.author_id


def _audit_post_edited(post, *, editor=None, **_) -> None:
    """A moderator's edit of someone else's post (its words stay in the history)."""
    if _by_moderator(post, editor):
        from cop.moderation.services import record_event

        record_event("edit_post", post, actor=editor, data={"edit_count": post.edit_count})


def _audit_post_deleted(post, *, actor=None, **_) -> None:
    if _by_moderator(post, actor):
        from cop.moderation.services import record_event

        record_event("delete_post", post, actor=actor)


def _audit_post_restored(post, *, actor=None, **_) -> None:
    if _by_moderator(post, actor):
        from cop.moderation.services import record_event

        record_event("restore_post", post, actor=actor)


def _end_banned_session() -> None:
    """A banned member signed in by any path (reset link, remember cookie) is signed out."""
    if current_user.is_authenticated and permissions.is_banned(current_user):
        logout_user()


def init_app(app: Flask) -> None:
    app.context_processor(_banner_context)
    app.before_request(_end_banned_session)
    # The resource library's own remove/restore buttons are audited too.
    signals.resource_removed.connect(_audit_resource_removed)
    signals.resource_restored.connect(_audit_resource_restored)
    signals.category_changed.connect(_audit_category_changed)
    signals.post_edited.connect(_audit_post_edited)
    signals.post_deleted.connect(_audit_post_deleted)
    signals.post_restored.connect(_audit_post_restored)
