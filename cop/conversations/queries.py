"""Read-only selects of conversations. Every one starts from the reader's own
participant row: a conversation the reader is not in is never found (404)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from math import ceil

from sqlalchemy import Row, Select, and_, bindparam, func, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from cop.conversations.models import (
    Conversation,
    ConversationParticipant,
    ConversationReport,
    Message,
)
from cop.extensions import db
from cop.members.models import Member
from cop.pagination import Page

PER_PAGE = 25
MESSAGES_PER_PAGE = 50


@dataclass(frozen=True)
class ConversationRow:
    """A row of the list, with only the columns it shows (plain rows, not entities):
    the conversation's id, subject, message_count and last_message_at, and the other
    members' id, handle and display_name."""

    conversation: Row
    unread: int
    others: list[Row]


def _pages(total: int, per_page: int) -> int:
    return max(1, ceil(total / per_page))


def participation(member: Member, conversation_id: int) -> ConversationParticipant | None:
    """The member's active place in the conversation, with the conversation, or None."""
    return db.session.scalar(
        select(ConversationParticipant)
        # The reader is loaded already: place.member comes from the session, no join.
        .options(
            joinedload(ConversationParticipant.conversation),
            lazyload(ConversationParticipant.member),
        )
        .where(
            ConversationParticipant.conversation_id == conversation_id,
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.left_at.is_(None),
        )
    )


def unread_conversations(member: Member) -> int:
    """How many of the member's conversations have messages they have not read."""
    return db.session.scalar(unread_conversations_query(member))


def unread_conversations_query(member: Member):
    """The count of unread_conversations as a SELECT (one of the header's counts)."""
    return (
        select(func.count())
        .select_from(ConversationParticipant)
        .join(Conversation, Conversation.id == ConversationParticipant.conversation_id)
        .where(
            ConversationParticipant.member_id == member.id,
            ConversationParticipant.left_at.is_(None),
            Conversation.last_message_id > ConversationParticipant.last_read_message_id,
        )
    )


def list_conversations(member: Member, number: int) -> Page:
    """A page of the member's conversations, latest message first, with each one's
    unread messages and other participants: two queries whatever the page holds (the
    count comes with the rows; a third only for a page past the last)."""
    number = max(number, 1)
    rows = _conversation_rows(member, number)
    if not rows and number > 1:  # past the last page: the last one
        total = db.session.scalar(
            select(func.count()).select_from(ConversationParticipant).where(_MINE),
            {"member_id": member.id},
        )
        number = _pages(total, PER_PAGE)
        rows = _conversation_rows(member, number)
    total = rows[0].total if rows else 0
    others = _others([row.id for row in rows], member)
    items = [ConversationRow(row, row.unread or 0, others.get(row.id, [])) for row in rows]
    return Page(items=items, number=number, pages=_pages(total, PER_PAGE))


# The list's two statements, built once (a member's list is asked on every view of it,
# and building a select costs more than running it); the member and page are bound.
_MINE = and_(
    ConversationParticipant.member_id == bindparam("member_id"),
    ConversationParticipant.left_at.is_(None),
)
_UNREAD = (
    select(func.count(Message.id))
    .where(
        Message.conversation_id == ConversationParticipant.conversation_id,
        Message.id > ConversationParticipant.last_read_message_id,
    )
    .correlate(ConversationParticipant)
    .scalar_subquery()
)
_ROWS = (
    select(
        Conversation.id,
        Conversation.subject,
        Conversation.message_count,
        Conversation.last_message_at,
        _UNREAD.label("unread"),
        func.count().over().label("total"),
    )
    .join(ConversationParticipant, ConversationParticipant.conversation_id == Conversation.id)
    .where(_MINE)
    .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_OTHERS = (
    select(
        ConversationParticipant.conversation_id,
        Member.id,
        Member.handle,
        Member.display_name,
    )
    .join(Member, Member.id == ConversationParticipant.member_id)
    .where(
        ConversationParticipant.conversation_id.in_(bindparam("ids", expanding=True)),
        ConversationParticipant.member_id != bindparam("member_id"),
        ConversationParticipant.left_at.is_(None),
    )
    .order_by(ConversationParticipant.joined_at, ConversationParticipant.member_id)
)


def _conversation_rows(member: Member, number: int) -> list[Row]:
    values = {"member_id": member.id, "limit": PER_PAGE, "offset": (number - 1) * PER_PAGE}
    return list(db.session.execute(_ROWS, values))


def _others(conversation_ids: list[int], member: Member) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {}
    if not conversation_ids:
        return found
    values = {"ids": conversation_ids, "member_id": member.id}
    for row in db.session.execute(_OTHERS, values):
        found.setdefault(row.conversation_id, []).append(row)
    return found


@functools.cache
def _places_statement() -> Select:
    # Built once a process, on first use (its loader options need every model mapped):
    # on every view of a conversation, building it cost more than running it.
    return (
        select(ConversationParticipant)
        .options(
            joinedload(ConversationParticipant.conversation),
            joinedload(ConversationParticipant.member).lazyload(Member.restriction),
        )
        .where(ConversationParticipant.conversation_id == bindparam("conversation_id"))
        .order_by(ConversationParticipant.joined_at, ConversationParticipant.member_id)
    )


def places_in(
    member: Member, conversation_id: int
) -> tuple[ConversationParticipant | None, list[ConversationParticipant]]:
    """The conversation page's members, in the order they joined (with the
    conversation), and the member's active place among them, or None (then nothing is
    shown: 404). One query for what participation and participants ask."""
    places = list(db.session.scalars(_places_statement(), {"conversation_id": conversation_id}))
    mine = next((p for p in places if p.member_id == member.id and p.is_active), None)
    return mine, places


def participants(conversation: Conversation) -> list[ConversationParticipant]:
    return list(
        db.session.scalars(
            select(ConversationParticipant)
            .where(ConversationParticipant.conversation_id == conversation.id)
            .order_by(ConversationParticipant.joined_at, ConversationParticipant.member_id)
        )
    )


def active_count(conversation: Conversation) -> int:
    return db.session.scalar(
        select(func.count()).where(
            ConversationParticipant.conversation_id == conversation.id,
            ConversationParticipant.left_at.is_(None),
        )
    )


@functools.cache
def _messages_statement() -> Select:
    # Built once a process, on first use, like _places_statement. Authors by name and
    # picture: their restriction (the write checks ask it of the reader, loaded with it
    # at sign-in) loads only if ever asked.
    return (
        select(Message)
        .options(joinedload(Message.author).lazyload(Member.restriction))
        .where(Message.conversation_id == bindparam("conversation_id"))
        .order_by(Message.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


def messages_page(conversation: Conversation, number: int | None) -> Page:
    """A page of messages, oldest first; by default the last page (the newest)."""
    pages = _pages(conversation.message_count, MESSAGES_PER_PAGE)
    number = pages if number is None else min(max(number, 1), pages)
    values = {
        "conversation_id": conversation.id,
        "limit": MESSAGES_PER_PAGE,
        "offset": (number - 1) * MESSAGES_PER_PAGE,
    }
    items = list(db.session.scalars(_messages_statement(), values))
    return Page(items=items, number=number, pages=pages)


def message_in(member: Member, message_id: int) -> Message | None:
    """A message of one of the member's conversations, or None."""
    return db.session.scalar(
        select(Message)
        .join(
            ConversationParticipant,
            and_(
                ConversationParticipant.conversation_id == Message.conversation_id,
                ConversationParticipant.member_id == member.id,
                ConversationParticipant.left_at.is_(None),
            ),
        )
        .where(Message.id == message_id)
    )


def open_reports(number: int) -> Page:
    """The open reports, oldest first: for the moderators' list."""
    waiting = ConversationReport.resolved_at.is_(None)
    total = db.session.scalar(select(func.count(ConversationReport.id)).where(waiting))
    pages = _pages(total, PER_PAGE)
    number = min(max(number, 1), pages)
    items = list(
        db.session.scalars(
            select(ConversationReport)
            .options(
                selectinload(ConversationReport.conversation),
                selectinload(ConversationReport.reporter),
            )
            .where(waiting)
            .order_by(ConversationReport.created_at, ConversationReport.id)
            .limit(PER_PAGE)
            .offset((number - 1) * PER_PAGE)
        )
    )
    return Page(items=items, number=number, pages=pages)
