"""The audit log: every moderation and admin action writes one ModerationEvent.

`record_event` adds and flushes, never commits. The log is reversed where it can be by
`cop.moderation.threadops.undo_event` (moves, merges, splits).
"""

from __future__ import annotations

import logging
from typing import Any

from cop.events.models import Event
from cop.extensions import db
from cop.members.models import Member
from cop.moderation.models import ModerationEvent
from cop.resources.models import Resource
from cop.threads.models import Post, Thread
from cop.translations.models import ContentTranslation

logger = logging.getLogger(__name__)

Target = Post | Thread | Resource | Event | Member | ContentTranslation


def target_of(target: Target) -> tuple[str, int, str]:
    """(type, id, label) of a moderated object, the label a snapshot for the log."""
    if isinstance(target, Post):
        return "post", target.id, (target.thread.title if target.thread else "")[:200]
    if isinstance(target, Thread):
        return "thread", target.id, target.title[:200]
    if isinstance(target, Resource):
        return "resource", target.id, target.title[:200]
    if isinstance(target, Event):
        return "event", target.id, target.title[:200]
    if isinstance(target, ContentTranslation):
        words = target.title or " ".join(target.body_source.split())
        return "translation", target.id, words[:200]
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


def record_category_change(action: str, category, *, admin: Member) -> None:
    """Admin changes to discussion tables are audited too."""
    event = record_event(action, None, actor=admin, target_type="category")
    event.target_id = category.id
    event.target_label = category.slug
