"""Read-only selects: the translations a page shows beside or instead of its originals."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from cop.extensions import db
from cop.translations.models import MEMBER, ContentTranslation


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
