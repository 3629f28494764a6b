"""Machine translations: asked of the configured provider once per original, language
and source digest, stored in content_translations (origin "machine"), read back for the
pages and for the member translation form that corrects one.

Like every service these add and flush; the view commits. Nothing is stored unless the
provider answered in full: an error leaves no row.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from cop.contentscopes import FAMILY_OF_TRANSLATED_KIND, thread_scope
from cop.contentversion import note_changed
from cop.database import insert_ignore
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES
from cop.members.models import Member
from cop.sanitize import POLICY_VERSION, render_markdown
from cop.threads.models import Mention, Thread
from cop.translations.machine_markdown import assemble as assemble_markdown
from cop.translations.machine_markdown import prepare
from cop.translations.machine_providers import (
    GARBLED,
    UNSUPPORTED,
    MachineTranslationError,
    Provider,
)
from cop.translations.models import BODY_MAX, MACHINE, TITLE_MAX, ContentTranslation
from cop.translations.sources import Original, can_see_original, load_original

logger = logging.getLogger(__name__)

# What readers may ask a machine to translate: a post, a thread's title, a resource's
# title and description.
MACHINE_KINDS = ("post", "thread", "resource")
WITHHELD = "withheld"  # a moderator hid this text's machine translation


def is_live(original: Original) -> bool:
    """Shown to every member: never send a hidden, pending or deleted text anywhere."""
    obj = original.obj
    if original.kind == "post":
        thread = obj.thread
        return not (obj.is_deleted or obj.is_hidden or obj.is_pending) and _thread_is_live(thread)
    if original.kind == "thread":
        return _thread_is_live(obj)
    if original.kind == "resource":
        return not obj.is_removed
    return False


def _thread_is_live(thread: Thread) -> bool:
    return not (thread.is_hidden or thread.is_pending or thread.merged_into_id is not None)


def wants_translation(original: Original, language: str) -> bool:
    """A text written in another language than `language` (and with words in it)."""
    if original.kind not in MACHINE_KINDS or language not in SUPPORTED_LOCALES:
        return False
    return original.language != language and bool(
        (original.title or "").strip() or original.body.strip()
    )


def stored_machine_translation(
    kind: str, object_id: int, language: str, digest: str
) -> ContentTranslation | None:
    """The machine translation of this version of the text, hidden ones included."""
    return db.session.scalar(
        select(ContentTranslation).where(
            ContentTranslation.kind == kind,
            ContentTranslation.object_id == object_id,
            ContentTranslation.language == language,
            ContentTranslation.origin == MACHINE,
            ContentTranslation.source_digest == digest,
        )
    )


def machine_translations_for(
    kind: str, originals: dict[int, str], language: str
) -> dict[int, ContentTranslation]:
    """Shown ones, by original id, of many originals ({id: digest}), in one query."""
    if not originals:
        return {}
    rows = db.session.scalars(
        select(ContentTranslation).where(
            ContentTranslation.kind == kind,
            ContentTranslation.object_id.in_(sorted(originals)),
            ContentTranslation.language == language,
            ContentTranslation.origin == MACHINE,
            ContentTranslation.is_hidden.is_(False),
        )
    )
    return {row.object_id: row for row in rows if originals.get(row.object_id) == row.source_digest}


def request_machine_translation(
    original: Original, language: str, provider: Provider, requester: Member
) -> ContentTranslation:
    """The machine translation of `original` into `language`: the stored one, or the
    provider's answer stored now (one row even when two readers ask at once)."""
    if not wants_translation(original, language):
        raise MachineTranslationError(UNSUPPORTED, f"{original.language}->{language}")
    digest = original.digest
    found = stored_machine_translation(original.kind, original.object_id, language, digest)
    if found is not None:
        if found.is_hidden:
            raise MachineTranslationError(WITHHELD)
        return found
    title, body = _translate(original, language, provider)
    insert_ignore(
        ContentTranslation,
        ["kind", "object_id", "language", "origin", "source_digest"],
        kind=original.kind,
        object_id=original.object_id,
        language=language,
        origin=MACHINE,
        provider=provider.name[:40],
        title=title,
        body_source=body,
        body_html=render_markdown(body, known_handles=_mentioned(original)) if body else "",
        policy_version=POLICY_VERSION,
        source_digest=digest,
        translator_id=requester.id,
    )
    _note_changed(original)
    logger.info(
        "machine translation of %s %s into %s by %s",
        original.kind,
        original.object_id,
        language,
        provider.name,
    )
    return stored_machine_translation(original.kind, original.object_id, language, digest)


def _translate(original: Original, language: str, provider: Provider) -> tuple[str | None, str]:
    """One request for the title and the body together."""
    title = prepare(original.title) if original.title else None
    body = prepare(original.body) if original.has_body and original.body.strip() else None
    texts = [*(title.texts if title else []), *(body.texts if body else [])]
    answer = provider.translate(texts, original.language, language) if texts else []
    if len(answer) != len(texts):
        raise MachineTranslationError(GARBLED, "wrong count")
    split = len(title.texts) if title else 0
    # NUL is no character of any text (PostgreSQL refuses it): a provider's junk.
    answer = [text.replace("\x00", "") for text in answer]
    title_text = assemble_markdown(title, answer[:split]).strip() if title else None
    body_text = assemble_markdown(body, answer[split:]) if body else ""
    if title is not None and not title_text:
        raise MachineTranslationError(GARBLED, "empty title")
    if len(body_text) > BODY_MAX:
        raise MachineTranslationError(GARBLED, "body too long")
    return (title_text[:TITLE_MAX] if title_text is not None else None), body_text


def _mentioned(original: Original) -> list[str]:
    """The members the original post links to: linked again in its translation."""
    if original.kind != "post":
        return []
    return list(
        db.session.scalars(
            select(Member.handle)
            .join(Mention, Mention.member_id == Member.id)
            .where(Mention.post_id == original.object_id)
        )
    )


def _note_changed(original: Original) -> None:
    """The row went in by a Core INSERT: bump its pages' versions at commit."""
    scopes = [FAMILY_OF_TRANSLATED_KIND[original.kind]]
    if original.kind == "post":
        scopes.append(thread_scope(original.obj.thread_id))
    elif original.kind == "thread":
        scopes.append(thread_scope(original.object_id))
    note_changed(db.session, *scopes)


def machine_text_for(kind: str, object_id: int, language: str) -> tuple[str | None, str | None]:
    """(title, body Markdown) of the current machine translation, to prefill a member's
    translation that corrects it; (None, None) when there is none to start from."""
    original = load_original(kind, object_id)
    if original is None or not is_live(original):
        return None, None
    found = stored_machine_translation(kind, object_id, language, original.digest)
    if found is None or found.is_hidden:
        return None, None
    return found.title, (found.body_source if original.has_body else None)


def original_for_reader(kind: str, object_id: int, reader: Any) -> Original | None:
    """The original if the reader may see it and it is shown to every member."""
    if kind not in MACHINE_KINDS:
        return None
    original = load_original(kind, object_id)
    if original is None or not is_live(original) or not can_see_original(reader, original):
        return None
    return original
