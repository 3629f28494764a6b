"""Bookmarks: added, changed, removed, listed. They add and flush; callers commit."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import bindparam, delete, func, select

from cop.bookmarks.models import NOTE_MAX, Bookmark, BookmarkKind
from cop.database import insert_ignore
from cop.edge import UNSTORABLE
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.pagination import Page

logger = logging.getLogger(__name__)

PER_PAGE = 20
KINDS = tuple(kind.value for kind in BookmarkKind)


def add_bookmark(member: Member, kind: str, target_id: int) -> bool:
    """Bookmark the thing (the caller checked the member may see it); False if it was
    bookmarked already. Two presses at once add one row."""
    now = utcnow()
    made = insert_ignore(
        Bookmark,
        ["member_id", "kind", "target_id"],
        member_id=member.id,
        kind=BookmarkKind(kind).value,
        target_id=target_id,
        note="",
        created_at=now,
        updated_at=now,
    )
    if made is not None:
        logger.info("member %s bookmarked %s %s", member.id, kind, target_id)
    return made is not None


def update_bookmark(bookmark: Bookmark, *, note: str, remind_on: date | None) -> None:
    """A new note or reminder date; a changed date reminds again on the new day."""
    note = note.strip()
    if len(note) > NOTE_MAX or UNSTORABLE.search(note):
        raise ValueError("note")
    if remind_on != bookmark.remind_on:
        bookmark.is_reminded = False
    bookmark.note = note
    bookmark.remind_on = remind_on
    bookmark.updated_at = utcnow()
    db.session.flush()


def remove_bookmark(bookmark: Bookmark) -> None:
    db.session.delete(bookmark)
    db.session.flush()


def remove_bookmark_of(member: Member, kind: str, target_id: int) -> bool:
    """Remove by what it points to (the button beside a post); False if there was none."""
    result = db.session.execute(
        delete(Bookmark).where(
            Bookmark.member_id == member.id,
            Bookmark.kind == kind,
            Bookmark.target_id == target_id,
        ),
        execution_options={"synchronize_session": False},
    )
    return bool(result.rowcount)


def own_bookmark(member: Member, bookmark_id: int) -> Bookmark | None:
    """The member's bookmark with this id; None for another's (a 404 for them)."""
    return db.session.scalar(
        select(Bookmark).where(Bookmark.id == bookmark_id, Bookmark.member_id == member.id)
    )


def bookmark_of(member: Member, kind: str, target_id: int) -> Bookmark | None:
    return db.session.scalar(
        select(Bookmark).where(
            Bookmark.member_id == member.id,
            Bookmark.kind == kind,
            Bookmark.target_id == target_id,
        )
    )


# Built once: on every signed-in page with a bookmark button.
_BOOKMARKED_AMONG = select(Bookmark.kind, Bookmark.target_id, Bookmark.id).where(
    Bookmark.member_id == bindparam("member_id"),
    Bookmark.target_id.in_(bindparam("target_ids", expanding=True)),
)


def bookmarked_among(member_id: int, pairs: set[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """Which of these (kind, id) the member bookmarked: (kind, id) -> bookmark id."""
    if not pairs:
        return {}
    ids = {target_id for _kind, target_id in pairs}
    # On every signed-in page with a bookmark button: through the connection (Core).
    db.session.flush()
    rows = db.session.connection().execute(
        _BOOKMARKED_AMONG, {"member_id": member_id, "target_ids": sorted(ids)}
    )
    return {(r.kind, r.target_id): r.id for r in rows if (r.kind, r.target_id) in pairs}


def list_bookmarks(member: Member, kind: str | None, number: int) -> Page:
    """A page of the member's bookmarks (of one kind, if given), the latest first."""
    base = select(Bookmark).where(Bookmark.member_id == member.id)
    if kind is not None:
        base = base.where(Bookmark.kind == kind)
    total = db.session.scalar(base.with_only_columns(func.count(Bookmark.id))) or 0
    pages = max(1, -(-total // PER_PAGE))
    number = min(number, pages)
    rows = db.session.scalars(
        base.order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
        .offset((number - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return Page(items=list(rows), number=number, pages=pages)
