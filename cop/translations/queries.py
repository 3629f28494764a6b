"""Read-only selects: the translations a page shows beside or instead of its originals."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import joinedload, selectinload

from cop.extensions import db
from cop.translations.models import MEMBER, ContentTranslation, TranslationRevision


def is_outdated(translation: ContentTranslation, original_digest: str) -> bool:
    """Made from an earlier version of the original (edited since)."""
    return translation.source_digest != original_digest


@functools.cache
def _rows_statement(kinds: tuple[str, ...]) -> Select:
    """The select of shown_translations for these kinds, built once a process: its ids
    and language are parameters, so each page skips building and keying the statement."""
    return (
        select(ContentTranslation)
        .options(joinedload(ContentTranslation.translator))
        .where(
            or_(
                *(
                    and_(
                        ContentTranslation.kind == kind,
                        ContentTranslation.object_id.in_(bindparam(f"{kind}_ids", expanding=True)),
                    )
                    for kind in kinds
                )
            ),
            ContentTranslation.language == bindparam("language"),
            ContentTranslation.is_hidden.is_(False),
        )
        .order_by(ContentTranslation.id)
    )


def translation_rows(wanted: dict[str, Iterable[int]], language: str) -> list[ContentTranslation]:
    """Every shown translation, members' and machines', of these originals (by kind) into
    `language`, with their translators loaded: one query."""
    pairs = {kind: sorted(set(ids)) for kind, ids in wanted.items()}
    pairs = {kind: ids for kind, ids in sorted(pairs.items()) if ids}
    if not pairs:
        return []
    parameters = {f"{kind}_ids": ids for kind, ids in pairs.items()}
    return list(
        db.session.scalars(_rows_statement(tuple(pairs)), {**parameters, "language": language})
    )


def chosen_translations(
    rows: Iterable[ContentTranslation],
) -> dict[tuple[str, int], ContentTranslation]:
    """The one to show of each original, keyed by (kind, object id): the members' over a
    machine's, else the newest machine's (rows come in id order)."""
    chosen: dict[tuple[str, int], ContentTranslation] = {}
    for row in rows:
        current = chosen.get((row.kind, row.object_id))
        if current is None or current.origin != MEMBER:
            chosen[(row.kind, row.object_id)] = row
    return chosen


def shown_translations(
    wanted: dict[str, Iterable[int]], language: str
) -> dict[tuple[str, int], ContentTranslation]:
    """The translation to show of each original, over several kinds at once (a thread's
    title and its page's posts: one query), with their translators loaded; keyed by
    (kind, object id). Hidden ones never."""
    return chosen_translations(translation_rows(wanted, language))


def member_translation(kind: str, object_id: int, language: str) -> ContentTranslation | None:
    """The members' translation of an original into `language` (one at most)."""
    return db.session.scalar(
        select(ContentTranslation)
        .where(
            ContentTranslation.kind == kind,
            ContentTranslation.object_id == object_id,
            ContentTranslation.language == language,
            ContentTranslation.origin == MEMBER,
        )
        .order_by(ContentTranslation.id)
        .limit(1)
    )


@functools.cache
def _member_translations_statement() -> Select:
    # Built once a process: the line runs on every view of a thread and a table.
    return (
        select(ContentTranslation)
        .where(
            ContentTranslation.kind == bindparam("kind"),
            ContentTranslation.object_id.in_(bindparam("ids", expanding=True)),
            ContentTranslation.origin == MEMBER,
            ContentTranslation.is_hidden.is_(False),
        )
        .order_by(ContentTranslation.object_id, ContentTranslation.language)
    )


def member_translations_of(
    kind: str, object_ids: Iterable[int]
) -> dict[int, list[ContentTranslation]]:
    """Every shown member translation of each original, by language, in one query: the
    line under a post, a title, a resource or a table lists them."""
    ids = sorted(set(object_ids))
    if not ids:
        return {}
    found: dict[int, list[ContentTranslation]] = {}
    for row in db.session.scalars(_member_translations_statement(), {"kind": kind, "ids": ids}):
        found.setdefault(row.object_id, []).append(row)
    return found


def revisions_of(translation: ContentTranslation) -> list[TranslationRevision]:
    """A translation's earlier versions, newest first, with their editors."""
    return list(
        db.session.scalars(
            select(TranslationRevision)
            .where(TranslationRevision.translation_id == translation.id)
            .options(selectinload(TranslationRevision.editor))
            .order_by(TranslationRevision.id.desc())
        )
    )


def translations_by_member(member_id: int) -> list[ContentTranslation]:
    """A member's translations, oldest first (their data export)."""
    return list(
        db.session.scalars(
            select(ContentTranslation)
            .where(ContentTranslation.translator_id == member_id)
            .order_by(ContentTranslation.id)
        )
    )
