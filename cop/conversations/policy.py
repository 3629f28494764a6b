"""Who may write to whom: read-only checks the services and the views share.

A refusal names its reason and the handle concerned; the views turn it into a
translated sentence (forms.refusal_message). Nothing here changes a row.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, exists, func, or_, select

from cop import permissions
from cop.conversations.models import MemberBlock
from cop.extensions import db
from cop.members.handles import handle_key, handle_like
from cop.members.models import Member
from cop.threads.models import Post

# "@ana, @omar bruno": handles separated by commas, semicolons or spaces.
_HANDLE_SEPARATORS = re.compile(r"[\s,;،]+")
MAX_HANDLES_TYPED = 50  # more than this is not a conversation: refused before any query


class Reason(enum.StrEnum):
    SELF = "self"
    UNKNOWN = "unknown"
    CLOSED = "closed"
    YOU_BLOCKED = "you_blocked"
    BLOCKED_YOU = "blocked_you"
    STRANGER = "stranger"
    TOO_MANY = "too_many"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Refusal:
    reason: Reason
    handle: str = ""


def max_participants() -> int:
    return int(current_app.config["CONVERSATIONS_MAX_PARTICIPANTS"])


def min_posts_for_strangers() -> int:
    return int(current_app.config["CONVERSATIONS_MIN_POSTS_FOR_STRANGERS"])


def split_handles(text: str | None) -> list[str]:
    """The handles written in a "To" field, without @, each once, in order."""
    seen: dict[str, str] = {}
    for word in _HANDLE_SEPARATORS.split(text or ""):
        word = word.strip().lstrip("@")
        if word:
            seen.setdefault(handle_key(word), word)
    return list(seen.values())


def find_members(handles: list[str]) -> tuple[list[Member], list[str]]:
    """The members with these handles (however spelled), and the handles nobody has."""
    keys = {handle_key(h): h for h in handles}
    if not keys:
        return [], []
    patterns = [Member.handle.like(handle_like(key), escape="\\") for key in keys]
    found = {
        handle_key(m.handle): m for m in db.session.scalars(select(Member).where(or_(*patterns)))
    }
    members = [found[key] for key in keys if key in found]
    return members, [written for key, written in keys.items() if key not in found]


def blocks_between(member: Member, others: Iterable[Member]) -> tuple[set[int], set[int]]:
    """(ids `member` blocked, ids that blocked `member`) among `others`: one query."""
    ids = [o.id for o in others]
    if not ids:
        return set(), set()
    rows = db.session.execute(
        select(MemberBlock.member_id, MemberBlock.blocked_id).where(
            or_(
                and_(MemberBlock.member_id == member.id, MemberBlock.blocked_id.in_(ids)),
                and_(MemberBlock.blocked_id == member.id, MemberBlock.member_id.in_(ids)),
            )
        )
    ).all()
    blocked = {b for m, b in rows if m == member.id}
    blocking = {m for m, b in rows if b == member.id}
    return blocked, blocking


def approved_posts(member: Member) -> int:
    return db.session.scalar(
        select(func.count(Post.id)).where(
            Post.author_id == member.id,
            Post.is_pending.is_(False),
            Post.is_hidden.is_(False),
            Post.is_deleted.is_(False),
        )
    )


def shares_a_thread(member: Member, other: Member) -> bool:
    mine = select(Post.thread_id).where(Post.author_id == member.id)
    return bool(
        db.session.scalar(
            select(exists().where(Post.author_id == other.id, Post.thread_id.in_(mine)))
        )
    )


def _may_write_to_strangers(sender: Member) -> bool:
    if permissions.is_moderator(sender):
        return True
    needed = min_posts_for_strangers()
    return needed <= 0 or approved_posts(sender) >= needed


def check_recipients(
    sender: Member, recipients: list[Member], *, already: int = 1
) -> list[Refusal]:
    """Why `sender` may not write to `recipients` (empty: they may). `already` is the
    number of participants the conversation has without them (the sender at least)."""
    refusals: list[Refusal] = []
    if already + len(recipients) > max_participants():
        refusals.append(Refusal(Reason.TOO_MANY))
    blocked, blocking = blocks_between(sender, recipients)
    strangers_ok: bool | None = None
    for member in recipients:
        refusal = None
        if member.id == sender.id:
            refusal = Reason.SELF
        elif member.closed_at is not None:
            refusal = Reason.CLOSED
        elif member.id in blocked:
            refusal = Reason.YOU_BLOCKED
        elif member.id in blocking and not permissions.is_moderator(sender):
            refusal = Reason.BLOCKED_YOU
        elif not shares_a_thread(sender, member):
            if strangers_ok is None:
                strangers_ok = _may_write_to_strangers(sender)
            refusal = None if strangers_ok else Reason.STRANGER
        if refusal is not None:
            refusals.append(Refusal(refusal, member.handle))
    return refusals


def resolve_recipients(sender: Member, text: str | None, *, already: int = 1):
    """(members, refusals) for a "To" field as typed: unknown handles are refusals too."""
    handles = split_handles(text)
    if not handles:
        return [], [Refusal(Reason.NOBODY)]
    if len(handles) > MAX_HANDLES_TYPED:
        return [], [Refusal(Reason.TOO_MANY)]
    members, unknown = find_members(handles)
    refusals = [Refusal(Reason.UNKNOWN, handle) for handle in unknown]
    refusals += check_recipients(sender, members, already=already)
    return members, refusals
