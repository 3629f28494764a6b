"""Signal receivers: actions taken outside moderation's own pages that the audit log
keeps too (cop/signals.py). `connect()` runs once, from the package's `init_app`."""

from __future__ import annotations

from cop import signals
from cop.moderation.audit import record_category_change, record_event
from cop.threads.models import Post


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


def _audit_picture_removed(target, *, actor=None, owner_id=None, reason="", **kwargs) -> None:
    """A moderator's removal of someone else's picture from a post (a conversation's
    pictures are removed by their uploader alone)."""
    if not isinstance(target, Post) or actor is None or not actor.is_moderator:
        return
    if actor.id != owner_id:
        data = {"picture_id": kwargs.get("picture_id"), "owner_id": owner_id}
        record_event("remove_picture", target, actor=actor, reason=reason, data=data)


def _chosen_by_moderator(thread, actor) -> bool:
    """The thread's author chooses their question's answer; a moderator choosing it for
    them acts on their thread, so the audit log keeps it."""
    return actor is not None and actor.is_moderator and actor.id != thread.author_id


def _audit_answer_marked(post, *, thread, actor=None, **_) -> None:
    if _chosen_by_moderator(thread, actor):
        record_event("mark_answer", post, actor=actor, data={"thread_id": thread.id})


def _audit_answer_unmarked(thread, *, post_id=None, actor=None, **_) -> None:
    if _chosen_by_moderator(thread, actor):
        record_event("unmark_answer", thread, actor=actor, data={"post_id": post_id})


# Events (cop/events): every action on an event and on organiser roles is in the log.
# A member renewing their private calendar address is not: it is their own setting
# (like a password), not an action on the community's content.


def _audit_event_created(event, *, actor=None, **_) -> None:
    record_event("create_event", event, actor=actor)


def _audit_event_published(event, *, actor=None, thread=None, **_) -> None:
    record_event(
        "publish_event", event, actor=actor, data={"thread_id": getattr(thread, "id", None)}
    )


def _audit_event_changed(event, *, actor=None, changes=frozenset(), **_) -> None:
    record_event("edit_event", event, actor=actor, data={"changes": sorted(changes)})


def _audit_event_cancelled(event, *, actor=None, **_) -> None:
    record_event("cancel_event", event, actor=actor)


def _audit_attendance_marked(event, *, actor=None, count=0, **_) -> None:
    record_event("mark_attendance", event, actor=actor, data={"count": count})


def _audit_role_granted(member, *, actor=None, country="", **_) -> None:
    record_event("grant_organiser_role", member, actor=actor, data={"country": country})


def _audit_role_revoked(member, *, actor=None, country="", **_) -> None:
    record_event("revoke_organiser_role", member, actor=actor, data={"country": country})


EVENT_RECEIVERS = (
    (signals.event_created, _audit_event_created),
    (signals.event_published, _audit_event_published),
    (signals.event_changed, _audit_event_changed),
    (signals.event_cancelled, _audit_event_cancelled),
    (signals.attendance_marked, _audit_attendance_marked),
    (signals.organiser_role_granted, _audit_role_granted),
    (signals.organiser_role_revoked, _audit_role_revoked),
)


def connect() -> None:
    # The resource library's own remove/restore buttons are audited too.
    signals.resource_removed.connect(_audit_resource_removed)
    signals.resource_restored.connect(_audit_resource_restored)
    signals.category_changed.connect(_audit_category_changed)
    signals.post_edited.connect(_audit_post_edited)
    signals.post_deleted.connect(_audit_post_deleted)
    signals.post_restored.connect(_audit_post_restored)
    signals.picture_removed.connect(_audit_picture_removed)
    signals.answer_marked.connect(_audit_answer_marked)
    signals.answer_unmarked.connect(_audit_answer_unmarked)
    for signal, receiver in EVENT_RECEIVERS:
        signal.connect(receiver)
