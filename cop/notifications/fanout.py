"""Receivers of cop.signals: who hears about what, in a fixed number of queries.

Each receiver runs inside the writer's transaction: it adds rows and never commits.
Nobody hears about their own action, nor about content they cannot see (hidden,
deleted or awaiting approval: approval fans out then).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from cop import signals
from cop.bounds import parse_id
from cop.extensions import db
from cop.notifications import grouping, services
from cop.notifications.models import FROM_MODERATORS, Kind, Notification
from cop.notifications.services import Notice
from cop.watching import services as watches
from cop.watching.models import TargetType

# The attributed quote the discussions insert: "> @ana [wrote](/threads/posts/12):".
# The words are translated, so only the link to the post is relied upon, on any
# quoted line, with or without a host.
QUOTED_POST_RE = re.compile(
    r"^[ \t]*>.*?\]\(\s*(?:https?://[^\s)/]+)?(?:/[a-z]{2})?/threads/posts/(\d+)[^\s)]*\s*\)",
    re.MULTILINE,
)


def quoted_post_ids(source: str) -> list[int]:
    found = {parse_id(m.group(1)) for m in QUOTED_POST_RE.finditer(source or "")}
    return sorted(found - {None})


def _is_visible(post) -> bool:
    thread = post.thread
    return not (
        post.is_hidden
        or post.is_deleted
        or getattr(post, "is_pending", False)
        or thread.is_hidden
        or getattr(thread, "is_pending", False)
    )


def _quoted_authors(post) -> set[int]:
    from cop.threads.models import Post

    ids = [i for i in quoted_post_ids(post.body_source) if i != post.id]
    if not ids:
        return set()
    rows = db.session.scalars(
        select(Post.author_id).where(
            Post.id.in_(ids), Post.is_hidden.is_(False), Post.is_deleted.is_(False)
        )
    )
    return {a for a in rows if a is not None}


def _post_payload(post) -> dict[str, Any]:
    thread = post.thread
    category = thread.category
    return {
        "thread_id": thread.id,
        "thread_title": thread.title,
        "thread_language": thread.language,
        "post_id": post.id,
        "category": category.name_in(category.original_locale),
    }


def _fan_out_post(post, *, mentioned_ids: set[int], opening: bool) -> None:
    """Tell watchers, the mentioned and the quoted about a visible post."""
    thread = post.thread
    if opening:
        watching, muted = watches.watchers(TargetType.CATEGORY, thread.category_id)
        activity = Kind.NEW_THREAD
    else:
        watching, muted = watches.watchers(TargetType.THREAD, thread.id)
        activity = Kind.REPLY
    kinds: dict[int, Kind] = dict.fromkeys(watching, activity)
    for member_id in mentioned_ids:
        kinds[member_id] = Kind.MENTION
    for member_id in _quoted_authors(post):
        kinds[member_id] = Kind.QUOTE
    notices = [Notice(m, k) for m, k in kinds.items() if m not in muted and m != post.author_id]
    if not notices:
        return
    _close_groups_read(thread.id)
    services.notify(
        notices,
        actor_id=post.author_id,
        target_type="post",
        target_id=post.id,
        payload=_post_payload(post),
        group=grouping.thread_group(thread.id),
    )


def _close_groups_read(thread_id: int) -> None:
    """Groups of this thread that their recipients have read since, in the thread, are
    done: a new reply starts a new group (and may be emailed again)."""
    from cop.threads.models import ThreadRead

    read_upto = (
        select(ThreadRead.last_read_post_id)
        .where(ThreadRead.member_id == Notification.recipient_id, ThreadRead.thread_id == thread_id)
        .scalar_subquery()
    )
    grouping.close_groups_read(grouping.thread_group(thread_id), read_upto)


# Discussions


def on_thread_started(thread, *, post, mentioned=(), **_) -> None:
    if post.author_id is not None:
        watches.ensure_watch(post.author_id, TargetType.THREAD, thread.id)
    if _is_visible(post):
        _fan_out_post(post, mentioned_ids={m.id for m in mentioned}, opening=True)


def on_post_created(post, *, mentioned=(), **_) -> None:
    if post.author_id is not None:
        watches.ensure_watch(post.author_id, TargetType.THREAD, post.thread_id)
    if _is_visible(post):
        _fan_out_post(post, mentioned_ids={m.id for m in mentioned}, opening=False)


def on_post_edited(post, *, editor, mentioned=(), **_) -> None:
    """Members newly mentioned (or quoted) by an edit hear about it once."""
    if not _is_visible(post):
        return
    candidates = {m.id for m in mentioned} | _quoted_authors(post)
    candidates -= {post.author_id, editor.id}
    if not candidates:
        return
    told = set(
        db.session.scalars(
            select(Notification.recipient_id).where(
                Notification.target_type == "post",
                Notification.target_id == post.id,
                Notification.recipient_id.in_(candidates),
            )
        )
    )
    _, muted = watches.watchers(TargetType.THREAD, post.thread_id)
    quoted = _quoted_authors(post)
    notices = [
        Notice(m, Kind.QUOTE if m in quoted else Kind.MENTION)
        for m in sorted(candidates - told - muted)
    ]
    services.notify(
        notices,
        actor_id=editor.id,
        target_type="post",
        target_id=post.id,
        payload=_post_payload(post),
        group=grouping.thread_group(post.thread_id),
    )


def on_post_deleted(post, **_) -> None:
    services.forget_target("post", post.id)


# Moderation


def _author_of(content) -> tuple[int | None, str, int, dict[str, Any]]:
    """(author id, target type, target id, payload) of a thread, post or resource."""
    from cop.resources.models import Resource
    from cop.threads.models import Thread

    if isinstance(content, Resource):
        return content.sharer_id, "resource", content.id, {"title": content.title}
    if isinstance(content, Thread):
        payload = {"thread_id": content.id, "thread_title": content.title, "what": "thread"}
        return content.author_id, "thread", content.id, payload
    payload = {**_post_payload(content), "what": "post"}
    return content.author_id, "post", content.id, payload


def _moderation_notice(content, actor, action: str, reason: str | None) -> None:
    author_id, target_type, target_id, payload = _author_of(content)
    if author_id is None:
        return
    payload.update(action=action, reason=reason or "")
    services.notify(
        [Notice(author_id, Kind.MODERATION)],
        actor_id=getattr(actor, "id", None),
        target_type=target_type,
        target_id=target_id,
        payload=payload,
    )


def on_content_hidden(content, *, actor=None, reason="", **_) -> None:
    from cop.threads.models import Post, Thread

    if isinstance(content, Thread):
        post_ids = select(Post.id).where(Post.thread_id == content.id)
        db.session.execute(
            Notification.__table__.delete().where(
                Notification.target_type == "post",
                Notification.target_id.in_(post_ids),
                Notification.kind.not_in(FROM_MODERATORS),
                Notification.read_at.is_(None),
                Notification.emailed_at.is_(None),
            )
        )
    else:
        _, target_type, target_id, _payload = _author_of(content)
        services.forget_target(target_type, target_id)
    _moderation_notice(content, actor, "hidden", reason)


def on_content_rejected(content, *, actor=None, reason="", **_) -> None:
    _moderation_notice(content, actor, "rejected", reason)


def _approval_notice(content, actor) -> None:
    """The author learns that what waited is published (as a rejection is told)."""
    author_id, target_type, target_id, payload = _author_of(content)
    if author_id is None:
        return
    services.notify(
        [Notice(author_id, Kind.APPROVED)],
        actor_id=getattr(actor, "id", None),
        target_type=target_type,
        target_id=target_id,
        payload=payload,
    )


def on_content_approved(content, *, actor=None, **_) -> None:
    """Approved content reaches its author, and its watchers now, once."""
    from cop.threads.models import Mention, Post, Thread
    from cop.threads.queries import opening_post

    post = opening_post(content) if isinstance(content, Thread) else content
    if not isinstance(post, Post) or not _is_visible(post):
        return
    _approval_notice(content, actor)
    already = db.session.scalar(
        select(Notification.id)
        .where(
            Notification.target_type == "post",
            Notification.target_id == post.id,
            Notification.kind.not_in(FROM_MODERATORS),
        )
        .limit(1)
    )
    if already is not None:
        return
    mentioned = set(db.session.scalars(select(Mention.member_id).where(Mention.post_id == post.id)))
    _fan_out_post(post, mentioned_ids=mentioned, opening=post.is_opening)


def _member_notice(member, actor, action: str, **details: Any) -> None:
    services.notify(
        [Notice(member.id, Kind.MODERATION)],
        actor_id=getattr(actor, "id", None),
        target_type="member",
        target_id=member.id,
        payload={"action": action, **details},
    )


def on_member_warned(member, *, actor=None, message="", **_) -> None:
    _member_notice(member, actor, "warned", reason=message or "")


def on_member_suspended(member, *, actor=None, until=None, reason="", **_) -> None:
    until_text = until.isoformat() if hasattr(until, "isoformat") else None
    _member_notice(member, actor, "suspended", reason=reason or "", until=until_text)


def on_member_banned(member, *, actor=None, reason="", **_) -> None:
    _member_notice(member, actor, "banned", reason=reason or "")


# Resource library


def on_resource_shared(resource, **_) -> None:
    if resource.sharer_id is not None:
        watches.ensure_watch(resource.sharer_id, TargetType.RESOURCE, resource.id)


def on_resource_file_added(file, *, uploader=None, **_) -> None:
    resource = file.resource
    if resource.is_removed:
        return
    watching, _muted = watches.watchers(TargetType.RESOURCE, resource.id)
    services.notify(
        [Notice(m, Kind.NEW_VERSION) for m in sorted(watching)],
        actor_id=getattr(uploader, "id", None),
        target_type="resource",
        target_id=resource.id,
        payload={
            "title": resource.title,
            "language": file.language,
            "version": file.version,
            "file_id": file.id,
        },
    )


RECEIVERS = (
    (signals.thread_started, on_thread_started),
    (signals.post_created, on_post_created),
    (signals.post_edited, on_post_edited),
    (signals.post_deleted, on_post_deleted),
    (signals.content_hidden, on_content_hidden),
    (signals.content_rejected, on_content_rejected),
    (signals.content_approved, on_content_approved),
    (signals.member_warned, on_member_warned),
    (signals.member_suspended, on_member_suspended),
    (signals.member_banned, on_member_banned),
    (signals.resource_shared, on_resource_shared),
    (signals.resource_file_added, on_resource_file_added),
)


def connect() -> None:
    """Connect the receivers (blinker keeps one connection per function)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
