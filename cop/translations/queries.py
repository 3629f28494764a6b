"""Read-only selects: the translations a page shows beside or instead of its originals."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from cop.extensions import db
from cop.translations.models import MEMBER, ContentTranslation, TranslationRevision


def translations_for(
    kind: str, object_ids: Iterable[int], language: str
) -> dict[int, ContentTranslation]:
    """The translation to show of each original into `language`, in one query: the
    members' over a machine's, a machine's newest; hidden ones never."""
    ids = sorted(set(object_ids))
    if not ids:
        return {}
    rows = db.session.scalars(
        select(ContentTranslation)
        .where(
            ContentTranslation.kind == kind,
            ContentTranslation.object_id.in_(ids),
            ContentTranslation.language == language,
            ContentTranslation.is_hidden.is_(False),
        )
        .order_by(ContentTranslation.id)
    )
    chosen: dict[int, ContentTranslation] = {}
    for row in rows:
        current = chosen.get(row.object_id)
        if current is None or current.origin != MEMBER:
            chosen[row.object_id] = row
    return chosen


def is_outdated(translation: ContentTranslation, original_digest: str) -> bool:
    """Made from an earlier version of the original (edited since)."""
    return translation.source_digest != original_digest


def shown_translations(
    wanted: dict[str, Iterable[int]], language: str
) -> dict[tuple[str, int], ContentTranslation]:
    """translations_for over several kinds at once (a thread's title and its page's
    posts: one query), with their translators loaded; keyed by (kind, object id)."""
    pairs = {kind: sorted(set(ids)) for kind, ids in wanted.items()}
    pairs = {kind: ids for kind, ids in pairs.items() if ids}
    if not pairs:
        return {}
    rows = db.session.scalars(
        select(ContentTranslation)
        .options(joinedload(ContentTranslation.translator))
        .where(
            or_(
                *(
                    and_(ContentTranslation.kind == kind, ContentTranslation.object_id.in_(ids))
                    for kind, ids in pairs.items()
                )
            ),
            ContentTranslation.language == language,
            ContentTranslation.is_hidden.is_(False),
        )
        .order_by(ContentTranslation.id)
    )
    chosen: dict[tuple[str, int], ContentTranslation] = {}
    for row in rows:
        current = chosen.get((row.kind, row.object_id))
        if current is None or current.origin != MEMBER:
            chosen[(row.kind, row.object_id)] = row
    return chosen


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


def member_translations_of(
    kind: str, object_ids: Iterable[int]
) -> dict[int, list[ContentTranslation]]:
    """Every shown member translation of each original, by language, in one query: the
    line under a post, a title, a resource or a table lists them."""
    ids = sorted(set(object_ids))
    if not ids:
        return {}
    found: dict[int, list[ContentTranslation]] = {}
    for row in db.session.scalars(
        select(ContentTranslation)
        .where(
            ContentTranslation.kind == kind,
            ContentTranslation.object_id.in_(ids),
            ContentTranslation.origin == MEMBER,
            ContentTranslation.is_hidden.is_(False),
        )
        .order_by(ContentTranslation.object_id, ContentTranslation.language)
    ):
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
