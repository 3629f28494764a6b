"""What a notification says and where it leads, in the current (or forced) language."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from cop.i18n import isolate, language_name
from cop.notifications.event_messages import EVENT_KINDS, describe_event
from cop.notifications.models import GROUPED_KINDS, Kind, Notification


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
    if what == "translation":  # cop/notifications/translation_notices.py
        return _("A moderator hid your translation of “%(title)s”.", title=title)
    if notification.target_type == "resource":
        return _("A moderator hid your resource “%(title)s”.", title=title)
    if what == "thread":
        return _("A moderator hid your thread “%(title)s”.", title=title)
    return _("A moderator hid your post in “%(title)s”.", title=title)


def _group(notification: Notification, actor: str, title: str) -> str:
    """A group of several notices on one thread or conversation, its latest actor named."""
    num, kind = notification.item_count, notification.kind
    if kind == Kind.REPLY:
        return ngettext(
            "%(num)d new reply in “%(title)s”, the latest by %(actor)s.",
            "%(num)d new replies in “%(title)s”, the latest by %(actor)s.",
            num, title=title, actor=actor,
        )  # fmt: skip
    if kind == Kind.MENTION:
        return ngettext(
            "%(num)d mention of you in “%(title)s”, the latest by %(actor)s.",
            "%(num)d mentions of you in “%(title)s”, the latest by %(actor)s.",
            num, title=title, actor=actor,
        )  # fmt: skip
    if kind == Kind.QUOTE:
        return ngettext(
            "%(num)d quote of your posts in “%(title)s”, the latest by %(actor)s.",
            "%(num)d quotes of your posts in “%(title)s”, the latest by %(actor)s.",
            num, title=title, actor=actor,
        )  # fmt: skip
    return ngettext(
        "%(num)d new message in “%(title)s”, the latest from %(actor)s.",
        "%(num)d new messages in “%(title)s”, the latest from %(actor)s.",
        num, title=title, actor=actor,
    )  # fmt: skip


def describe(notification: Notification, *, html: bool = False, brief: bool = False) -> str:
    """One sentence: who did what, where (plain text; templates escape it). Event notices
    give HTML with <bdi> around user values when `html`, their first sentence only when
    `brief` (an email's subject): cop/notifications/event_messages.py."""
    if notification.kind in EVENT_KINDS:
        return describe_event(notification, html=html, brief=brief)
    payload = notification.payload or {}
    actor = _actor(notification)
    title = _title(payload)
    kind = notification.kind
    if (notification.item_count or 1) > 1 and kind in GROUPED_KINDS:
        return _group(notification, actor, title)
    if kind == Kind.MESSAGE:
        if payload.get("added"):
            return _(
                "%(actor)s added you to the conversation “%(title)s”.", actor=actor, title=title
            )
        return _("%(actor)s wrote to you in “%(title)s”.", actor=actor, title=title)
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
    if kind == Kind.REACTION:
        others = max(int(payload.get("count") or 1) - 1, 0)
        if not others:
            return _("%(actor)s reacted to your post in “%(title)s”.", actor=actor, title=title)
        return ngettext(
            "%(actor)s and %(num)d other member reacted to your post in “%(title)s”.",
            "%(actor)s and %(num)d other members reacted to your post in “%(title)s”.",
            others,
            actor=actor,
            title=title,
        )
    if kind == Kind.ANSWER:
        return _(
            "%(actor)s marked your reply in “%(title)s” as the answer.", actor=actor, title=title
        )
    if kind == Kind.REMINDER:
        return _reminder(payload)
    if kind == Kind.TRANSLATION:
        return _(
            "%(actor)s translated your post in “%(title)s” into %(language)s.",
            actor=actor,
            title=title,
            language=language_name(payload.get("language") or "en"),
        )
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
    if target == "message":
        conversation_id = (notification.payload or {}).get("conversation_id")
        return url_for("conversations.show", conversation_id=conversation_id, _external=external)
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
        Kind.EVENT_REMINDER.value: _("Reminders of events I am going to"),
        Kind.EVENT_CHANGED.value: _("Changes to events I registered for, and cancellations"),
        Kind.EVENT_PROMOTED.value: _("A place for me at an event I waited for"),
        Kind.NEW_EVENT.value: _("New events in countries and programmes I watch"),
        Kind.MESSAGE.value: _("New messages in my conversations"),
        Kind.REACTION.value: _("Reactions to my posts"),
        Kind.ANSWER.value: _("My replies marked as the answer"),
        Kind.REMINDER.value: _("Reminders of my bookmarks"),
        Kind.TRANSLATION.value: _("Translations of my posts"),
        "daily": _("The daily digest"),
        "weekly": _("The weekly digest"),
    }
    return labels.get(scope, scope)
