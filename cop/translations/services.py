"""Members' translations: add, improve (each earlier version kept) and remove.

Like every service these add and flush, never commit and never read `request`. A
translation is sanitized exactly as its original is: a post's Markdown as a post's
(@mentions linked, none notified), a resource's description as a resource's, a table's
description and the titles as plain text escaped by the templates.
"""

from __future__ import annotations

import logging

from markupsafe import escape

from cop import signals
from cop.contentscopes import FAMILY_OF_TRANSLATED_KIND, thread_scope
from cop.contentversion import note_changed
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.sanitize import POLICY_VERSION, render_markdown
from cop.threads.rendering import preview_post
from cop.translations.models import MEMBER, ContentTranslation, TranslationRevision
from cop.translations.permissions import author_id_of
from cop.translations.queries import member_translation
from cop.translations.sources import Original
from cop.versions import claim_version

logger = logging.getLogger(__name__)


def render_text(original: Original, source: str) -> str:
    """The translated text's HTML, cleaned by the original kind's own policy."""
    if not original.has_body or not source:
        return ""
    if original.kind == "post":
        return preview_post(source)[0]
    if original.kind == "resource":
        return render_markdown(source)
    return str(escape(source))  # a table's description: plain text


def _note_changed(original: Original) -> None:
    """The pages showing the original change with its translations: its family, and
    its thread's posts (a post's thread is not on the translation's row)."""
    scopes = [FAMILY_OF_TRANSLATED_KIND[original.kind]]
    if original.kind == "post":
        scopes.append(thread_scope(original.obj.thread_id))
    elif original.kind == "thread":
        scopes.append(thread_scope(original.object_id))
    note_changed(db.session, *scopes)


def add_translation(
    original: Original,
    *,
    translator: Member,
    language: str,
    title: str | None,
    body: str,
) -> tuple[ContentTranslation, bool]:
    """The member translation of `original` into `language`, and True if this call made
    it. One per original and language: if there is one already (added before, or by
    someone else at the same moment), it comes back with False and nothing is written."""
    existing = member_translation(original.kind, original.object_id, language)
    if existing is not None:
        return existing, False
    body = body if original.has_body else ""
    new_id = insert_ignore(
        ContentTranslation,
        ["kind", "object_id", "language", "origin", "source_digest"],
        kind=original.kind,
        object_id=original.object_id,
        language=language,
        origin=MEMBER,
        title=title if original.has_title else None,
        body_source=body,
        body_html=render_text(original, body),
        policy_version=POLICY_VERSION,
        source_digest=original.digest,
        translator_id=translator.id,
        last_editor_id=translator.id,
        created_at=utcnow(),
    )
    if new_id is None:  # another member's, written between our look and our insert
        found = member_translation(original.kind, original.object_id, language)
        assert found is not None
        return found, False
    translation = db.session.get(ContentTranslation, new_id)
    assert translation is not None
    _note_changed(original)
    signals.translation_added.send(
        translation,
        original=original,
        translator=translator,
        author_id=author_id_of(original),
    )
    logger.info("member %s translated %s %s into %s", translator.id, *_name(translation))
    return translation, True


def edit_translation(
    translation: ContentTranslation,
    original: Original,
    *,
    editor: Member,
    title: str | None,
    body: str,
    version: int | None,
    as_moderator: bool = False,
) -> bool:
    """Keep the current words as a revision and store the new ones, now made from the
    original as it is; False if nothing changed. StaleEdit (nothing written) if someone
    saved since the form was shown."""
    claim_version(translation, translation.version if version is None else version)
    title = title if original.has_title else None
    body = body if original.has_body else ""
    same_words = title == translation.title and body == translation.body_source
    if same_words and translation.source_digest == original.digest:
        db.session.flush()
        return False
    db.session.add(
        TranslationRevision(
            translation_id=translation.id,
            title=translation.title,
            body_source=translation.body_source,
            body_html=translation.body_html,
            source_digest=translation.source_digest,
            editor_id=translation.last_editor_id,
            # When these words were written: the revision's own time in the history.
            created_at=translation.edited_at or translation.created_at,
        )
    )
    translation.title = title
    translation.body_source = body
    translation.body_html = render_text(original, body)
    translation.policy_version = POLICY_VERSION
    translation.source_digest = original.digest
    translation.last_editor_id = editor.id
    translation.edited_at = utcnow()
    db.session.flush()
    _note_changed(original)
    signals.translation_edited.send(translation, actor=editor, as_moderator=as_moderator)
    logger.info("member %s edited the translation %s", editor.id, translation.id)
    return True


def remove_translation(
    translation: ContentTranslation,
    original: Original,
    *,
    actor: Member,
    as_moderator: bool = False,
) -> None:
    """Delete the translation and its history (the original stays as it is)."""
    signals.translation_removed.send(translation, actor=actor, as_moderator=as_moderator)
    _note_changed(original)
    db.session.delete(translation)
    db.session.flush()
    logger.info("member %s removed the translation %s", actor.id, translation.id)


def _name(translation: ContentTranslation) -> tuple[str, int, str]:
    return translation.kind, translation.object_id, translation.language
