"""Translations when their original changes outside them (cop/signals.py receivers).

`connect()` runs once per app, from the package's `init_app`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cop import signals
from cop.contentscopes import FAMILY_OF_TRANSLATED_KIND, thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.pictures.services import without_picture
from cop.sanitize import POLICY_VERSION
from cop.threads.models import Post
from cop.threads.rendering import render_preview
from cop.translations.models import ContentTranslation


def _picture_removed(sender: Any, *, key: str = "", **_kwargs) -> None:
    """A picture removed from a post (cop/threads/picture_uses.py) leaves its
    translations and their earlier versions too: they showed its file, which is gone.
    Rendered again as a post's translation is (cop.translations.services.render_text)."""
    if not isinstance(sender, Post) or not key:
        return
    translations = db.session.scalars(
        select(ContentTranslation)
        .where(ContentTranslation.kind == "post", ContentTranslation.object_id == sender.id)
        .options(selectinload(ContentTranslation.revisions))  # not one query a language
    ).all()
    changed = False
    for row in (t for translation in translations for t in (translation, *translation.revisions)):
        if key in row.body_source:
            row.body_source = without_picture(row.body_source, key)
            row.body_html = render_preview(row.body_source) if row.body_source else ""
            if isinstance(row, ContentTranslation):
                row.policy_version = POLICY_VERSION
            changed = True
    if changed:  # the thread's pages show its posts' translations
        note_changed(db.session, FAMILY_OF_TRANSLATED_KIND["post"], thread_scope(sender.thread_id))
        db.session.flush()


def connect() -> None:
    signals.picture_removed.connect(_picture_removed)
