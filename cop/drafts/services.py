"""Drafts: saved, found, listed and discarded. They add and flush; callers commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, select

from cop.database import upsert
from cop.drafts.models import RECIPIENTS_MAX, Draft
from cop.drafts.places import PlaceKind, place_key
from cop.edge import UNSTORABLE
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.pagination import Page

logger = logging.getLogger(__name__)

PER_PAGE = 20


class DraftRefused(ValueError):
    """The text cannot be kept: too long for its place, or with characters no database
    stores. `field` is "title" or "body"."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason  # "too_long" or "unstorable"


class DraftPosted(Exception):
    """The form the text comes from was posted already: its draft went with it, and a
    save arriving after (a late autosave) must not bring it back."""


@dataclass(frozen=True)
class DraftText:
    title: str = ""
    body: str = ""
    language: str | None = None
    recipients: str = ""


def check_text(place_kind: PlaceKind, text: DraftText) -> None:
    """Raise DraftRefused unless the text fits its place (the limits of its form)."""
    for field, value, limit in (
        ("title", text.title, place_kind.title_max),
        ("body", text.body, place_kind.body_max),
        ("recipients", text.recipients, RECIPIENTS_MAX if place_kind.recipients else 0),
    ):
        if UNSTORABLE.search(value):
            raise DraftRefused(field, "unstorable")
        if len(value) > limit:
            raise DraftRefused(field, "too_long")


def save_draft(
    member: Member,
    place_kind: PlaceKind,
    target_id: int,
    text: DraftText,
    *,
    form_token: str | None = None,
) -> bool:
    """Keep the text as the member's draft for this place (one row, whoever writes first:
    two autosaves at once make one row, the later text wins). An empty text discards the
    draft. True if a draft is kept.

    `form_token`: the client token of the form the text comes from. DraftPosted, with
    nothing kept, if that form was posted already (its draft is gone with it)."""
    # Fields the place's form has not (a title in a reply) are left out, not refused.
    text = DraftText(
        title=text.title if place_kind.title_max else "",
        body=text.body,
        language=text.language,
        recipients=text.recipients if place_kind.recipients else "",
    )
    check_text(place_kind, text)
    place = place_key(place_kind.kind, target_id)
    if not text.title.strip() and not text.body.strip():
        discard_draft(member, place)
        return False
    now = utcnow()
    values = {
        "title": text.title,
        "body": text.body,
        "recipients": text.recipients,
        "language": (text.language or None) and text.language[:8],
        "updated_at": now,
    }
    # Written, then the form's post looked for, under a savepoint: a save that comes in
    # while the post is being written waits for the draft's row (SQLite: the database)
    # and then finds the post; one that comes in later finds it at once.
    with db.session.begin_nested():
        upsert(
            Draft,
            ["member_id", "place"],
            {"member_id": member.id, "place": place, "created_at": now, **values},
            values,
        )
        if form_token and place_kind.posted is not None and place_kind.posted(member, form_token):
            logger.info("late draft of %s refused for member %s: posted", place, member.id)
            raise DraftPosted
    logger.info("draft %s saved by member %s", place, member.id)
    return True


# Built once: asked on every signed-in view of a thread.
_DRAFT_ID = select(Draft.id).where(
    Draft.member_id == bindparam("member_id"), Draft.place == bindparam("place")
)


def find_draft(member: Member | None, place: str) -> Draft | None:
    if member is None or not getattr(member, "is_authenticated", False):
        return None
    # Asked on every view of a thread's last page, and most readers have no draft: a
    # plain lookup of the id through the connection, the ORM only when there is one.
    db.session.flush()
    draft_id = db.session.connection().scalar(_DRAFT_ID, {"member_id": member.id, "place": place})
    return db.session.get(Draft, draft_id) if draft_id is not None else None


def own_draft(member: Member, draft_id: int) -> Draft | None:
    """The member's draft with this id; None for another's (a 404 for them)."""
    return db.session.scalar(
        select(Draft).where(Draft.id == draft_id, Draft.member_id == member.id)
    )


def discard_draft(member: Member, place: str) -> None:
    """The draft of this place is gone (posted, or emptied).

    Its row is written before it is deleted, even when there was none: a save of the
    same place running meanwhile waits for this transaction on the row (PostgreSQL;
    SQLite has one writer), then finds the post it made (save_draft's `form_token`)."""
    now = utcnow()
    key = {"member_id": member.id, "place": place}
    upsert(Draft, ["member_id", "place"], {**key, "created_at": now}, {"updated_at": now})
    db.session.execute(
        delete(Draft).where(Draft.member_id == member.id, Draft.place == place),
        execution_options={"synchronize_session": False},
    )


def delete_draft(draft: Draft) -> None:
    db.session.delete(draft)
    db.session.flush()


def list_drafts(member: Member, number: int) -> Page:
    """A page of the member's drafts, the latest first."""
    base = select(Draft).where(Draft.member_id == member.id)
    total = db.session.scalar(base.with_only_columns(func.count(Draft.id))) or 0
    pages = max(1, -(-total // PER_PAGE))
    number = min(number, pages)
    rows = db.session.scalars(
        base.order_by(Draft.updated_at.desc(), Draft.id.desc())
        .offset((number - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return Page(items=list(rows), number=number, pages=pages)


def count_drafts(member: Member) -> int:
    statement = select(func.count(Draft.id)).where(Draft.member_id == member.id)
    return db.session.scalar(statement) or 0
