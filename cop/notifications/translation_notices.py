"""A translator learns that moderators hid their translation, and why (as a post's author
does): a moderation notice leading to the original (cop/moderation sends the signal)."""

from __future__ import annotations

from cop import signals
from cop.i18n import DEFAULT_LOCALE
from cop.notifications import services
from cop.notifications.models import Kind
from cop.notifications.services import Notice
from cop.translations.sources import load_original


def _title_of(original) -> str:
    """The original's title as its notice names it: the thread's, the resource's, the
    table's name."""
    if original.kind == "post":
        return original.obj.thread.title
    if original.kind == "category":
        return original.obj.name_in(original.language or DEFAULT_LOCALE)
    return original.title or ""


def on_translation_hidden(translation, *, actor=None, reason="", **_) -> None:
    original = load_original(translation.kind, translation.object_id)
    if translation.translator_id is None or original is None:
        return
    services.notify(
        [Notice(translation.translator_id, Kind.MODERATION)],
        actor_id=getattr(actor, "id", None),
        target_type=translation.kind,
        target_id=translation.object_id,
        payload={
            "what": "translation",
            "action": "hidden",
            "reason": reason or "",
            "title": _title_of(original),
            "language": translation.language,
        },
    )


def connect() -> None:
    signals.translation_hidden.connect(on_translation_hidden)
