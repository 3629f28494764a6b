"""The audit log of an event's team and materials, and of programmes.

Receivers of the signals sent by cop/events/team.py and cop/events/services.py: who
added or removed a co-organiser, linked or unlinked a resource, created or edited a
programme. `connect()` runs once, from the package's `init_app`.
"""

from __future__ import annotations

import logging
from typing import Any

from cop import signals
from cop.extensions import db
from cop.moderation.models import ModerationEvent

logger = logging.getLogger(__name__)


def _record(action: str, kind: str, target: Any, *, actor, data: dict) -> None:
    db.session.add(
        ModerationEvent(
            actor_id=actor.id if actor else None,
            actor_name=actor.display_name if actor else "",
            action=action,
            target_type=kind,
            target_id=target.id,
            target_label=(target.title or "")[:200],
            data=data,
        )
    )
    db.session.flush()
    logger.info("audit %s on %s %s by %s", action, kind, target.id, actor.id if actor else None)


def _member(member) -> dict:
    return {"member_id": member.id, "member": f"{member.display_name} (@{member.handle})"}


def _resource(resource) -> dict:
    return {"resource_id": resource.id, "resource": resource.title[:200]}


def _organiser_added(event, *, actor=None, member, **_) -> None:
    _record("add_event_organiser", "event", event, actor=actor, data=_member(member))


def _organiser_removed(event, *, actor=None, member, **_) -> None:
    _record("remove_event_organiser", "event", event, actor=actor, data=_member(member))


def _resource_linked(event, *, actor=None, resource, **_) -> None:
    _record("link_event_resource", "event", event, actor=actor, data=_resource(resource))


def _resource_unlinked(event, *, actor=None, resource, **_) -> None:
    _record("unlink_event_resource", "event", event, actor=actor, data=_resource(resource))


def _programme_saved(programme, *, actor=None, created=False, **_) -> None:
    action = "create_programme" if created else "edit_programme"
    _record(action, "programme", programme, actor=actor, data={"slug": programme.slug})


def connect() -> None:
    signals.event_organiser_added.connect(_organiser_added)
    signals.event_organiser_removed.connect(_organiser_removed)
    signals.event_resource_linked.connect(_resource_linked)
    signals.event_resource_unlinked.connect(_resource_unlinked)
    signals.programme_saved.connect(_programme_saved)
