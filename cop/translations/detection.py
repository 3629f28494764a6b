"""Backfilling the language of existing texts with the detector (cop/langdetect.py).

`fill_bio_languages` sets the language of bios that have none (the migration left them
unknown) where the detector is sure. `disagreements` walks posts (an opening post with
its thread's title) and resources, and finds those whose marked language the detector
confidently disagrees with; `correct` marks one with the detected language (an opening
post's thread follows). Everything goes in batches of ids, so memory stays bounded
whatever the size of the forum; nothing here commits (the command does, per batch).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from cop.extensions import db
from cop.langdetect import guess
from cop.members.models import Member
from cop.resources.models import Resource
from cop.threads.models import Post

logger = logging.getLogger(__name__)

BATCH = 200
KINDS = ("post", "resource")


@dataclass(frozen=True)
class Disagreement:
    kind: str  # "post" or "resource"
    object_id: int
    marked: str
    detected: str
    excerpt: str


def fill_bio_languages(*, after_id: int = 0, batch: int = BATCH) -> tuple[int, int, int]:
    """One batch of bios without a language, after member `after_id`:
    (members looked at, languages set, last id; 0 when there are no more)."""
    members = db.session.scalars(
        select(Member)
        .where(Member.id > after_id, Member.bio != "", Member.bio_language.is_(None))
        .order_by(Member.id)
        .limit(batch)
    ).all()
    filled = 0
    for member in members:
        language = guess(member.bio)
        if language is not None:
            member.bio_language = language
            filled += 1
    db.session.flush()
    return len(members), filled, members[-1].id if members else 0


def _post_text(post: Post) -> str:
    title = post.thread.title if post.is_opening else ""
    return f"{title}\n\n{post.body_source}"


def disagreements(
    kind: str, *, after_id: int = 0, batch: int = BATCH
) -> tuple[list[Disagreement], int]:
    """One batch of `kind` after id `after_id`: the texts whose marked language the
    detector confidently disagrees with, and the last id read (0 when there are no more).
    The session holds loaded rows weakly, so a caller walking every batch stays small."""
    rows = _batch(kind, after_id, batch)
    found = [d for d in (_disagreement(kind, row) for row in rows) if d is not None]
    return found, rows[-1].id if rows else 0


def _batch(kind: str, after_id: int, batch: int) -> list:
    if kind == "post":
        statement = (
            select(Post)
            .where(Post.id > after_id, Post.is_deleted.is_(False))
            .options(joinedload(Post.thread))
            .order_by(Post.id)
        )
    elif kind == "resource":
        statement = select(Resource).where(Resource.id > after_id).order_by(Resource.id)
    else:
        raise ValueError(kind)
    return list(db.session.scalars(statement.limit(batch)).unique())


def _disagreement(kind: str, row) -> Disagreement | None:
    if kind == "post":
        marked, text, label = row.language, _post_text(row), row.thread.title
    else:
        marked = row.original_language
        text = f"{row.title}\n\n{row.description_source}"
        label = row.title
    detected = guess(text)
    if detected is None or detected == marked:
        return None
    return Disagreement(kind, row.id, marked, detected, " ".join(label.split())[:60])


def correct(found: Disagreement) -> bool:
    """Mark the text with the detected language; False if it changed meanwhile."""
    if found.kind == "post":
        post = db.session.get(Post, found.object_id)
        if post is None or post.language != found.marked:
            return False
        post.language = found.detected
        if post.is_opening:
            post.thread.language = found.detected
    else:
        resource = db.session.get(Resource, found.object_id)
        if resource is None or resource.original_language != found.marked:
            return False
        resource.original_language = found.detected
    db.session.flush()
    logger.info(
        "%s %s marked %s instead of %s", found.kind, found.object_id, found.detected, found.marked
    )
    return True
