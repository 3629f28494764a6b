"""Reading a member's translation: its page and its history."""

from __future__ import annotations

from flask import abort, render_template, url_for
from flask_login import current_user

from cop.extensions import db
from cop.translations import bp
from cop.translations.models import MEMBER, ContentTranslation
from cop.translations.permissions import can_change_translation, can_see_translation
from cop.translations.queries import revisions_of
from cop.translations.sources import Original, can_see_original, load_original


def reader():
    """The member reading the page, or None for a visitor."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def visible_original(kind: str, object_id: int) -> Original:
    """The original, or 404: deleted, or not for this reader's eyes (hidden, pending)."""
    original = load_original(kind, object_id)
    if original is None or not can_see_original(reader(), original):
        abort(404)
    return original


def visible_translation(translation_id: int) -> tuple[ContentTranslation, Original]:
    """A member's translation and its original, or 404 wherever the original or the
    translation may not be read by this reader."""
    translation = db.session.get(ContentTranslation, translation_id)
    if translation is None or translation.origin != MEMBER:
        abort(404)
    original = load_original(translation.kind, translation.object_id)
    if original is None or not can_see_translation(reader(), translation, original):
        abort(404)
    return translation, original


def original_url(original: Original) -> str:
    if original.kind == "post":
        return url_for("threads.post", post_id=original.object_id)
    if original.kind == "thread":
        return url_for("threads.show", thread_id=original.object_id)
    if original.kind == "resource":
        return url_for("resources.show", resource_id=original.object_id)
    return url_for("threads.category", slug=original.obj.slug)


def page_context(translation: ContentTranslation, original: Original, **more) -> dict:
    return {
        "translation": translation,
        "original": original,
        "original_url": original_url(original),
        "outdated": translation.source_digest != original.digest,
        "can_change": can_change_translation(reader(), translation, original),
        **more,
    }


@bp.get("/<int:translation_id>")
def show(translation_id: int):
    translation, original = visible_translation(translation_id)
    return render_template("translations/show.html", **page_context(translation, original))


@bp.get("/<int:translation_id>/history")
def history(translation_id: int):
    translation, original = visible_translation(translation_id)
    return render_template(
        "translations/history.html",
        **page_context(translation, original, revisions=revisions_of(translation)),
    )
