"""What a reader is shown in place of an original: a thread page's posts and title, and
the titles of thread lists, in the reader's interface language (cop.translations.reading
says when).

cop.threads sits below this package: it asks through its registry
(cop/threads/shown.py), filled here by register(). The thread page asks before it
renders (one query: the title's and the page's posts' translations, whose ids and
versions go into the page's cached regions' keys); a list asks only when its cached
region is rendered (one query for its titles), the reader's languages and mode being in
the region's key (signature).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from flask import g
from flask_login import current_user

from cop.members.models import Member
from cop.threads import shown as registry
from cop.threads.models import Post, Thread
from cop.translations import queries
from cop.translations.models import ContentTranslation
from cop.translations.reading import ReadingLanguages, reading_languages
from cop.translations.sources import digest_of


@dataclass(frozen=True, slots=True)
class Shown:
    """A translation as a page shows it, with what the reader needs to trust it."""

    id: int
    version: int
    language: str
    from_language: str
    is_machine: bool
    provider: str | None
    translator: Member | None
    title: str | None
    body_html: str
    created_at: datetime
    outdated: bool

    @property
    def digest(self) -> str:
        """Its words, for cache keys (the version moves with edits; this is the proof)."""
        text = f"{self.title or ''}\x00{self.body_html}"
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def shown_from(row: ContentTranslation, from_language: str, original_digest: str) -> Shown:
    return Shown(
        id=row.id,
        version=row.version,
        language=row.language,
        from_language=from_language,
        is_machine=row.is_machine,
        provider=row.provider,
        translator=row.translator,
        title=row.title,
        body_html=row.body_html,
        created_at=row.created_at,
        outdated=row.source_digest != original_digest,
    )


def post_digest(post: Post) -> str:
    return digest_of(None, post.body_source)


def title_digest(thread: Thread) -> str:
    return digest_of(thread.title, "")


def _live(item: Any) -> bool:
    return not (
        getattr(item, "is_deleted", False) or item.is_hidden or getattr(item, "is_pending", False)
    )


class PageReading:
    """A thread page in the reader's languages: which translations it may show."""

    def __init__(
        self, reading: ReadingLanguages, thread: Thread, post_ids: list[int], original: int | None
    ) -> None:
        self.reading = reading
        self.thread = thread
        self.original = original
        self.language = reading.interface
        wanted = {"thread": [thread.id], "post": post_ids}
        rows = queries.translation_rows(wanted, self.language)
        self.rows = queries.chosen_translations(rows)
        _remember_page_rows(wanted, self.language, rows)

    @property
    def translating(self) -> bool:
        return self.reading.translating

    @property
    def available(self) -> bool:
        """Whether this page has a translation into the reader's language to offer."""
        return bool(self.rows)

    @property
    def key(self) -> str:
        """The reader's part of the page's regions' keys: their languages and mode, the
        post they asked to read as written, and the translations there are."""
        found = sorted((kind, oid, row.id, row.version) for (kind, oid), row in self.rows.items())
        text = repr((self.reading.signature, self.original, found))
        return "|reading:" + hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    @cached_property
    def title(self) -> Shown | None:
        thread = self.thread
        row = self.rows.get(("thread", thread.id))
        if row is None or not row.title or not self.reading.wants(thread.language):
            return None
        if not _live(thread):
            return None
        return shown_from(row, thread.language, title_digest(thread))

    def for_post(self, post: Post) -> tuple[Shown | None, bool]:
        """(the translation to show instead of the post, or None; whether to offer it
        instead, the reader having asked for this post as written)."""
        row = self.rows.get(("post", post.id))
        if row is None or not self.reading.wants(post.language) or not _live(post):
            return None, False
        if post.id == self.original:
            return None, True
        return shown_from(row, post.language, post_digest(post)), False


def _remember_page_rows(
    wanted: dict[str, list[int]], language: str, rows: list[ContentTranslation]
) -> None:
    """Keep the page's translations for the rest of the request: the machine boxes of
    its title and posts (cop.translations.machine_context) read them, not the database."""
    found: dict[tuple[str, int, str], list[ContentTranslation]] = {
        (kind, object_id, language): [] for kind, ids in wanted.items() for object_id in ids
    }
    for row in rows:
        found[(row.kind, row.object_id, language)].append(row)
    g.setdefault("page_translation_rows", {}).update(found)


def page_rows(kind: str, object_id: int, language: str) -> list[ContentTranslation] | None:
    """The shown translations of this original into `language` that this request's page
    already loaded (members' and machines'), or None if it did not load them."""
    return g.get("page_translation_rows", {}).get((kind, object_id, language))


def page_reading(reader: Any, thread: Thread, post_ids: list[int], original: int | None):
    return PageReading(reading_languages(reader), thread, post_ids, original)


def titles_shown(threads: Iterable[Thread]) -> dict[int, Shown]:
    """The titles a list shows translated, by thread id (one query, none when the
    reader reads every title as written)."""
    reading = reading_languages(current_user._get_current_object())
    wanted = [thread for thread in threads if reading.wants(thread.language)]
    if not wanted:
        return {}
    rows = queries.shown_translations({"thread": [t.id for t in wanted]}, reading.interface)
    shown = {}
    for thread in wanted:
        row = rows.get(("thread", thread.id))
        if row is not None and row.title:
            shown[thread.id] = shown_from(row, thread.language, title_digest(thread))
    return shown


def signature(reader: Any) -> str:
    return reading_languages(reader).signature


def register() -> None:
    registry.register(page=page_reading, titles=titles_shown, signature=signature)


def titles_of_hits(hits: Iterable[Any]) -> dict[int, ContentTranslation]:
    """Search results: the translated titles of the threads found (a thread or one of
    its posts) in a language the reader does not read, by thread id (one query)."""
    reading = reading_languages(current_user._get_current_object())
    wanted = {
        hit.thread_id or hit.object_id: hit
        for hit in hits
        if hit.kind in ("thread", "post") and reading.wants(hit.language)
    }
    if not wanted:
        return {}
    rows = queries.shown_translations({"thread": wanted}, reading.interface)
    return {oid: row for (_kind, oid), row in rows.items() if row.title}
