"""The audit log of moderators' changes to members' translations (cop/translations).

A moderator who improves or removes someone else's translation of someone else's text
(the services say so: `as_moderator`) leaves a row, with the translation's original and
language; the translator's and the author's own changes are theirs, not moderation.
`connect()` runs once, from the package's `init_app`.
"""

from __future__ import annotations

from cop import signals
from cop.extensions import db
from cop.moderation.models import ModerationEvent


def _record(action: str, translation, *, actor) -> None:
    db.session.add(
        ModerationEvent(
            actor_id=actor.id if actor else None,
            actor_name=actor.display_name if actor else "",
            action=action,
            target_type="translation",
            target_id=translation.id,
            target_label=(translation.title or "")[:200],
            data={
                "of": translation.kind,
                "original_id": translation.object_id,
                "language": translation.language,
            },
        )
    )
    db.session.flush()


def _audit_translation_edited(translation, *, actor=None, as_moderator=False, **_) -> None:
    if as_moderator:
        _record("edit_translation", translation, actor=actor)


def _audit_translation_removed(translation, *, actor=None, as_moderator=False, **_) -> None:
    if as_moderator:
        _record("remove_translation", translation, actor=actor)


def connect() -> None:
    signals.translation_edited.connect(_audit_translation_edited)
    signals.translation_removed.connect(_audit_translation_removed)
