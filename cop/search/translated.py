"""Members' translations in the index: one "translation" document each, analysed in the
translation's own language, naming its original (original_kind, original_id) so a result
links to the thread, reply or resource and says it was found in a translation.

A translation is in the index while a member may see it: a member's (machines' are asked
for by one reader and stay out), not hidden, of a post, thread title or resource that is
itself in the index (tables are not searched). Its original hidden, pending, deleted,
removed or merged away takes the translation's row with it; shown again, brings it back.
The receivers below run inside the content's transaction, like cop/search/receivers.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from cop import signals
from cop.extensions import db
from cop.search import index
from cop.search.models import SearchDocument
from cop.translations.models import MEMBER, ContentTranslation
from cop.translations.visibility import load_originals

SEARCHED_KINDS = ("post", "thread", "resource")


def is_searchable(translation: ContentTranslation) -> bool:
    return (
        translation.origin == MEMBER
        and not translation.is_hidden
        and translation.kind in SEARCHED_KINDS
    )


def original_is_visible(kind: str, original: Any) -> bool:
    if original is None:
        return False
    if kind == "post":
        return index.post_is_visible(original, original.thread)
    if kind == "thread":
        return index.thread_is_visible(original)
    return not original.is_removed


def translation_document(translation: ContentTranslation, original: Any) -> dict:
    """Its title and words; a reply's translation is shown under its thread's title (as a
    reply is), but only its own words match."""
    thread = original.thread if translation.kind == "post" else original
    in_thread = translation.kind in ("post", "thread")
    translator = translation.translator
    document = index._document(
        kind="translation",
        object_id=translation.id,
        thread_id=thread.id if in_thread else None,
        title=translation.title or "",
        body=index.html_to_text(translation.body_html),
        language=translation.language,
        category_id=thread.category_id if in_thread else None,
        author_id=translation.translator_id,
        author_country=translator.country if translator else None,
        created_at=translation.created_at,
        original_kind=translation.kind,
        original_id=translation.object_id,
    )
    if translation.kind == "post":
        document["title"] = thread.title[: index.TITLE_LIMIT]
    return document


def write_translations(translations: Iterable[ContentTranslation]) -> None:
    """Documents for those a member may see now (their originals in one query per kind)."""
    wanted = [t for t in translations if is_searchable(t)]
    originals = load_originals((t.kind, t.object_id) for t in wanted)
    documents = []
    for translation in wanted:
        original = originals.get((translation.kind, translation.object_id))
        if original_is_visible(translation.kind, original):
            documents.append(translation_document(translation, original))
    if documents:
        index.write_documents(documents)


def index_translation(translation: ContentTranslation) -> None:
    forget_translations([translation.id])
    write_translations([translation])


def forget_translations(translation_ids: Iterable[int]) -> None:
    index._delete("translation", translation_ids)


def index_translations_of(kind: str, object_ids: Iterable[int]) -> None:
    """Every member translation of these originals, again (after the originals changed)."""
    ids = sorted(set(object_ids))
    if not ids:
        return
    db.session.execute(
        delete(SearchDocument).where(
            SearchDocument.kind == "translation",
            SearchDocument.original_kind == kind,
            SearchDocument.original_id.in_(ids),
        ),
        execution_options={"synchronize_session": False},
    )
    write_translations(
        db.session.scalars(
            select(ContentTranslation)
            .options(selectinload(ContentTranslation.translator))
            .where(
                ContentTranslation.kind == kind,
                ContentTranslation.object_id.in_(ids),
                ContentTranslation.origin == MEMBER,
                ContentTranslation.is_hidden.is_(False),
            )
        )
    )


def index_thread_translations(thread: Any) -> None:
    """The thread title's translations and those of all its posts."""
    from cop.threads.models import Post

    index_translations_of("thread", [thread.id])
    index_translations_of(
        "post", db.session.scalars(select(Post.id).where(Post.thread_id == thread.id))
    )


# Receivers


def _saved(translation: ContentTranslation, **_kwargs) -> None:
    index_translation(translation)


def _gone(translation: ContentTranslation, **_kwargs) -> None:
    forget_translations([translation.id])


def _original_changed(sender: Any, **_kwargs) -> None:
    from cop.resources.models import Resource
    from cop.threads.models import Post, Thread

    if isinstance(sender, Thread):
        index_thread_translations(sender)
    elif isinstance(sender, Post):
        index_translations_of("post", [sender.id])
    elif isinstance(sender, Resource):
        index_translations_of("resource", [sender.id])


def _threads_changed(thread: Any, **kwargs) -> None:
    """Moved, merged or split: every thread involved."""
    from cop.threads.models import Thread

    for candidate in {
        id(t): t for t in (thread, *kwargs.values()) if isinstance(t, Thread)
    }.values():
        index_thread_translations(candidate)


def _post_edited(post: Any, **_kwargs) -> None:
    """An opening post's edit may rename the thread its replies' translations show."""
    if post.is_opening:
        thread = post.thread
        db.session.execute(
            update(SearchDocument)
            .where(
                SearchDocument.kind == "translation",
                SearchDocument.original_kind == "post",
                SearchDocument.thread_id == thread.id,
                SearchDocument.title != thread.title[: index.TITLE_LIMIT],
            )
            .values(title=thread.title[: index.TITLE_LIMIT]),
            execution_options={"synchronize_session": False},
        )


RECEIVERS = (
    (signals.translation_added, _saved),
    (signals.translation_edited, _saved),
    (signals.translation_shown, _saved),
    (signals.translation_removed, _gone),
    (signals.translation_hidden, _gone),
    (signals.content_hidden, _original_changed),
    (signals.content_shown, _original_changed),
    (signals.content_approved, _original_changed),
    (signals.content_rejected, _original_changed),
    (signals.post_deleted, _original_changed),
    (signals.post_restored, _original_changed),
    (signals.post_edited, _post_edited),
    (signals.resource_removed, _original_changed),
    (signals.resource_restored, _original_changed),
    (signals.thread_changed, _threads_changed),
)
