"""Hiding and showing a translation (a member's or a machine's), like a post: kept, marked
for moderators, its reason shown to its translator, gone for everyone else from every
page, list, feed and the search index (receivers of `translation_hidden`).

They add and flush, never commit; cop/moderation/content_actions.py calls them.
"""

from __future__ import annotations

from cop import signals
from cop.extensions import db
from cop.members.models import Member
from cop.moderation.audit import record_event
from cop.translations.models import ContentTranslation
from cop.translations.visibility import note_translation_changed


def hide_translation(translation: ContentTranslation, *, moderator: Member, reason: str) -> bool:
    """False if it was hidden already."""
    if translation.is_hidden:
        return False
    translation.is_hidden = True
    translation.moderation_reason = (reason or "").strip()
    _changed(translation)
    record_event(
        "hide_translation", translation, actor=moderator, reason=reason, data=_data(translation)
    )
    signals.translation_hidden.send(translation, actor=moderator, reason=reason)
    return True


def show_translation(
    translation: ContentTranslation, *, moderator: Member, reason: str = ""
) -> bool:
    """False if it was not hidden."""
    if not translation.is_hidden:
        return False
    translation.is_hidden = False
    translation.moderation_reason = None
    _changed(translation)
    record_event(
        "unhide_translation", translation, actor=moderator, reason=reason, data=_data(translation)
    )
    signals.translation_shown.send(translation, actor=moderator, reason=reason)
    return True


def _data(translation: ContentTranslation) -> dict:
    """The log keeps which original and language (the label is the translation's words)."""
    return {
        "language": translation.language,
        "original": [translation.kind, translation.object_id],
        "origin": translation.origin,
    }


def _changed(translation: ContentTranslation) -> None:
    db.session.flush()
    note_translation_changed(translation)
