"""What a notification says and where it leads, in the current (or forced) language."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _

from cop.i18n import isolate, language_name
from cop.notifications.models import Kind, Notification


def _actor(notification: Notification) -> str:
    if notification.actor is None:
        return _("A former member")
    return isolate(notification.actor.display_name, html=False)


def _title(payload: dict) -> str:
    """The thread or resource title, isolated: the sentence is plain text (an email
    subject, a list item) and the title may run the other way."""
    return isolate(payload.get("thread_title") or payload.get("title") or "", html=False)


def _moderation(notification: Notification) -> str:
    payload = notification.payload or {}
    action, what = payload.get("action"), payload.get("what")
    title = _title(payload)
    if action == "warned":
        return _("A moderator sent you a warning.")
    if action == "banned":
        return _("The moderators have banned your account.")
    if action == "suspended":
        until = payload.get("until")
        if until:
            from datetime import datetime

            day = format_date(datetime.fromisoformat(until), "long")
            return _("Your account is suspended until %(date)s.", date=day)
        return _("Your account is suspended.")
    if action == "rejected":
        if what == "thread":
            return _("A moderator did not approve your thread “%(title)s”.", title=title)
        return _("A moderator did not approve your post in “%(title)s”.", title=title)
    if notification.target_type == "resource":
        return _("A moderator hid your resource “%(title)s”.", title=title)
    if what == "thread":
        return _("A moderator hid your thread “%(title)s”.", title=title)
    return _("A moderator hid your post in “%(title)s”.", title=title)


def describe(notification: Notification) -> str:
    """One sentence: who did what, where (plain text; templates escape it)."""
    payload = notification.payload or {}
    actor = _actor(notification)
    title = _title(payload)
    kind = notification.kind
    if kind == Kind.REPLY:
        return _("%(actor)s replied in “%(title)s”.", actor=actor, title=title)
    if kind == Kind.MENTION:
        return _("%(actor)s mentioned you in “%(title)s”.", actor=actor, title=title)
    if kind == Kind.QUOTE:
        return _("%(actor)s quoted your post in “%(title)s”.", actor=actor, title=title)
    if kind == Kind.NEW_THREAD:
        return _(
            "%(actor)s started “%(title)s” in %(table)s.",
            actor=actor,
            title=title,
            table=isolate(payload.get("category", ""), html=False),
        )
    if kind == Kind.NEW_VERSION:
        return _(
            "%(actor)s added a version in %(language)s of “%(title)s”.",
            actor=actor,
            language=language_name(payload.get("language") or "en"),
            title=title,
        )
    if kind == Kind.REMINDER:
        return _reminder(payload)
    if kind == Kind.APPROVED:
        if payload.get("what") == "thread":
            return _(
                "A moderator approved your thread “%(title)s”: everyone sees it now.", title=title
            )
        return _(
            "A moderator approved your post in “%(title)s”: everyone sees it now.", title=title
        )
    return _moderation(notification)


def _reminder(payload: dict) -> str:
    """A bookmark's day (cop.bookmarks): what it points to, unless no longer available."""
    if not payload.get("available"):
        return _("Reminder of a bookmark: what it pointed to is no longer available.")
    note = payload.get("note")
    if note:
        return _(
            "Reminder: “%(title)s”. Your note: %(note)s",
            title=_title(payload),
            note=isolate(note, html=False),
        )
    return _("Reminder: “%(title)s”.", title=_title(payload))


def reason_of(notification: Notification) -> str:
    return (
        (notification.payload or {}).get("reason", "") if notification.kind == "moderation" else ""
    )


def link_for(notification: Notification, *, external: bool = False) -> str:
    """Where the notification leads: the post, thread or resource; else the list."""
    target, target_id = notification.target_type, notification.target_id
    if target == "post":
        return url_for("threads.post", post_id=target_id, _external=external)
    if target == "thread":
        return url_for("threads.show", thread_id=target_id, _external=external)
    if target == "resource":
        return url_for("resources.show", resource_id=target_id, _external=external)
    if target == "event":
        return url_for("events.show", event_id=target_id, _external=external)
    if target == "bookmark":
        return url_for("bookmarks.index", _external=external)
    return url_for("notifications.index", _external=external)


def scope_label(scope: str) -> str:
    """What an unsubscribe link stops: one kind of notice, or a digest."""
    labels = {
        Kind.REPLY.value: _("Replies in threads I watch"),
        Kind.MENTION.value: _("Mentions of me"),
        Kind.QUOTE.value: _("Quotes of my posts"),
        Kind.NEW_THREAD.value: _("New threads in tables I watch"),
        Kind.NEW_VERSION.value: _("New language versions of resources I watch"),
        Kind.MODERATION.value: _("Moderators' messages about my content"),
        Kind.APPROVED.value: _("Approval of my posts that waited"),
        Kind.REMINDER.value: _("Reminders of my bookmarks"),
        "daily": _("The daily digest"),
        "weekly": _("The weekly digest"),
    }
    return labels.get(scope, scope)
