"""Notices of translations: a post's author hears once of each new members' translation
of their post (cop/translations sends `translation_added`; one per language: a language
has one member translation, which others improve without a new notice, and never of
their own; their email settings decide whether an email follows); a translator learns
that moderators hid their translation, and why, as a post's author does (cop/moderation
sends `translation_hidden`)."""

from __future__ import annotations

from cop import signals
from cop.i18n import DEFAULT_LOCALE
from cop.notifications import services
from cop.notifications.fanout import _is_visible, _post_payload
from cop.notifications.models import Kind
from cop.notifications.services import Notice
from cop.translations.sources import load_original


def on_translation_added(translation, *, original, translator, author_id=None, **_) -> None:
    if original.kind != "post" or author_id is None or author_id == translator.id:
        return
    post = original.obj
    if not _is_visible(post):
        return
    services.notify(
        [Notice(author_id, Kind.TRANSLATION)],
        actor_id=translator.id,
        target_type="post",
        target_id=post.id,
        payload={
            **_post_payload(post),
            "language": translation.language,
            "translation_id": translation.id,
        },
    )


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
    signals.translation_added.connect(on_translation_added)
    signals.translation_hidden.connect(on_translation_hidden)
