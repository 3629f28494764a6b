"""Signal receivers: actions taken outside moderation's own pages that the audit log
keeps too (cop/signals.py). `connect()` runs once, from the package's `init_app`."""

from __future__ import annotations

from cop import signals
from cop.moderation.audit import record_category_change, record_event


def _audit_resource_removed(resource, *, actor=None, **_) -> None:
    record_event("hide_resource", resource, actor=actor, reason=resource.removal_reason or "")


def _audit_resource_restored(resource, *, actor=None, **_) -> None:
    record_event("unhide_resource", resource, actor=actor)


def _audit_category_changed(category, *, actor=None, change="edit", **_) -> None:
    """The tables' admin pages (cop.threads.category_views, cop.admin) are audited too."""
    record_category_change(f"{change}_category", category, admin=actor)


def _by_moderator(post, actor) -> bool:
    return actor is not None and actor.is_moderator and actor.id != post.author_id


def _audit_post_edited(post, *, editor=None, **_) -> None:
    """A moderator's edit of someone else's post (its words stay in the history)."""
    if _by_moderator(post, editor):
        record_event("edit_post", post, actor=editor, data={"edit_count": post.edit_count})


def _audit_post_deleted(post, *, actor=None, **_) -> None:
    if _by_moderator(post, actor):
        record_event("delete_post", post, actor=actor)


def _audit_post_restored(post, *, actor=None, **_) -> None:
    if _by_moderator(post, actor):
        record_event("restore_post", post, actor=actor)


def connect() -> None:
    # The resource library's own remove/restore buttons are audited too.
    signals.resource_removed.connect(_audit_resource_removed)
    signals.resource_restored.connect(_audit_resource_restored)
    signals.category_changed.connect(_audit_category_changed)
    signals.post_edited.connect(_audit_post_edited)
    signals.post_deleted.connect(_audit_post_deleted)
    signals.post_restored.connect(_audit_post_restored)
