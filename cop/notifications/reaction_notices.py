"""Notices of reactions and answers (cop/reactions sends the signals).

Reactions never flood their post's author: one notice per post per hour. A reaction
within the hour of the post's latest reaction notice updates that notice (who reacted
last, how many reacted) and makes it unread again instead of adding another; its email,
if the author asked for them at once, went with the first reaction only.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from cop import signals
from cop.extensions import db
from cop.models import utcnow
from cop.notifications import services
from cop.notifications.fanout import _is_visible, _post_payload
from cop.notifications.models import Kind, Notification
from cop.notifications.services import Notice

GROUP_WINDOW = timedelta(hours=1)


def _recent_notice(recipient_id: int, post_id: int) -> Notification | None:
    return db.session.scalar(
        select(Notification)
        .where(
            Notification.recipient_id == recipient_id,
            Notification.kind == Kind.REACTION.value,
            Notification.target_type == "post",
            Notification.target_id == post_id,
            Notification.created_at >= utcnow() - GROUP_WINDOW,
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(1)
        .with_for_update()
    )


def on_post_reacted(post, *, member, kind, **_) -> None:
    author_id = post.author_id
    if author_id is None or author_id == member.id or not _is_visible(post):
        return
    notice = _recent_notice(author_id, post.id)
    if notice is not None:
        payload = dict(notice.payload or {})
        payload["count"] = int(payload.get("count") or 1) + 1
        payload["kinds"] = sorted({*payload.get("kinds", []), kind})
        notice.payload = payload
        notice.actor_id = member.id
        notice.read_at = None
        db.session.flush()
        return
    services.notify(
        [Notice(author_id, Kind.REACTION)],
        actor_id=member.id,
        target_type="post",
        target_id=post.id,
        payload={**_post_payload(post), "count": 1, "kinds": [kind]},
    )


def on_answer_marked(post, *, thread, actor, **_) -> None:
    if post.author_id is None or post.author_id == actor.id or not _is_visible(post):
        return
    services.notify(
        [Notice(post.author_id, Kind.ANSWER)],
        actor_id=actor.id,
        target_type="post",
        target_id=post.id,
        payload=_post_payload(post),
    )


def connect() -> None:
    signals.post_reacted.connect(on_post_reacted)
    signals.answer_marked.connect(on_answer_marked)
