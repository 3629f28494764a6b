"""Notification services: they add and flush, the caller commits. No request in here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from cop.database import upsert
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.notifications import grouping
from cop.notifications.models import (
    DEFAULT_MODES,
    FROM_MODERATORS,
    GROUPED_KINDS,
    EmailPreference,
    Kind,
    Mode,
    Notification,
)

logger = logging.getLogger(__name__)

# Notifications waiting for an immediate email, collected per session until commit.
PENDING_KEY = "cop.notifications.immediate"
PER_PAGE = 30


# Email preferences


def email_modes(member_id: int) -> dict[Kind, Mode]:
    chosen = dict(
        db.session.execute(
            select(EmailPreference.kind, EmailPreference.mode).where(
                EmailPreference.member_id == member_id
            )
        ).all()
    )
    return {kind: Mode(chosen.get(kind.value, DEFAULT_MODES[kind].value)) for kind in Kind}


def set_email_modes(member: Member, modes: dict[Kind, Mode]) -> None:
    """Store the member's choices; notices still waiting for an email follow them."""
    existing = {
        p.kind: p
        for p in db.session.scalars(
            select(EmailPreference).where(EmailPreference.member_id == member.id)
        )
    }
    for kind, mode in modes.items():
        row = existing.get(kind.value)
        if row is None:  # an upsert: the same form sent twice at once adds one row
            upsert(
                EmailPreference,
                ["member_id", "kind"],
                {"member_id": member.id, "kind": kind.value, "mode": mode.value},
                {"mode": mode.value},
            )
        else:
            row.mode = mode.value
        db.session.execute(
            update(Notification)
            .where(
                Notification.recipient_id == member.id,
                Notification.kind == kind.value,
                Notification.emailed_at.is_(None),
                Notification.email_claimed_at.is_(None),
                Notification.delivery != Mode.NONE.value,
            )
            .values(delivery=mode.value)
        )
    db.session.flush()


def unsubscribe(member: Member, scope: str) -> list[Kind]:
    """Stop the emails of one kind, or of every kind sent in a daily/weekly digest."""
    modes = email_modes(member.id)
    if scope in (Mode.DAILY.value, Mode.WEEKLY.value):
        kinds = [kind for kind, mode in modes.items() if mode.value == scope]
    else:
        kinds = [Kind(scope)]
    set_email_modes(member, dict.fromkeys(kinds, Mode.NONE))
    logger.info("member %s unsubscribed from %s", member.id, scope)
    return kinds


def _modes_for(member_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    ids = list(member_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(EmailPreference.member_id, EmailPreference.kind, EmailPreference.mode).where(
            EmailPreference.member_id.in_(ids)
        )
    ).all()
    return {(r.member_id, r.kind): r.mode for r in rows}


# Creating notifications


@dataclass(frozen=True)
class Notice:
    """What to tell one recipient."""

    recipient_id: int
    kind: Kind


def notify(
    notices: list[Notice],
    *,
    actor_id: int | None,
    target_type: str,
    target_id: int,
    payload: dict[str, Any],
    group: str | None = None,
) -> int:
    """Add these notifications in a fixed number of statements, whatever their number.

    One query reads the recipients' email choices, one INSERT writes every row (an
    executemany that SQLAlchemy sends as a single multi-row INSERT ... RETURNING), and
    with a `group` (a thread, a conversation), one more adds the notices of grouped
    kinds to their unread groups (cop.notifications.grouping).
    The ids due an immediate email are kept on the session until it commits.
    """
    notices = [n for n in notices if n.recipient_id != actor_id]
    if not notices:
        return 0
    chosen = _modes_for({n.recipient_id for n in notices})
    now = utcnow()
    rows = [
        {
            "recipient_id": n.recipient_id,
            "kind": n.kind.value,
            "actor_id": actor_id,
            "target_type": target_type,
            "target_id": target_id,
            "payload": payload,
            "created_at": now,
            "delivery": chosen.get((n.recipient_id, n.kind.value), DEFAULT_MODES[n.kind].value),
        }
        for n in notices
    ]
    grouped, alone = [], []
    for row in rows:
        (grouped if group is not None and row["kind"] in GROUPED_KINDS else alone).append(row)
    written = []
    if alone:
        written += db.session.execute(
            insert(Notification).returning(Notification.id, Notification.delivery), alone
        ).all()
    if grouped:
        for row in grouped:
            row["group_key"] = group
        written += grouping.write_grouped(grouped).all()
    immediate = [r.id for r in written if r.delivery == Mode.IMMEDIATE.value]
    if immediate:
        db.session.info.setdefault(PENDING_KEY, []).extend(immediate)
    return len(rows)


def forget_target(target_type: str, target_id: int) -> None:
    """Content hidden or removed: its unread activity notices go (moderation ones stay);
    a group of several notices that it began or ended counts one less."""
    concerned = (
        Notification.target_type == target_type,
        (Notification.target_id == target_id) | (Notification.latest_target_id == target_id),
        Notification.kind.not_in(FROM_MODERATORS),
        Notification.read_at.is_(None),
        Notification.emailed_at.is_(None),
    )
    db.session.execute(delete(Notification).where(*concerned, Notification.item_count <= 1))
    db.session.execute(
        update(Notification)
        .where(*concerned, Notification.item_count > 1)
        .values(item_count=Notification.item_count - 1)
        .execution_options(synchronize_session=False)
    )


# Reading


def unread_count_query(member: Member):
    """The member's unread notices (a group counts once): one of the header's counts."""
    return select(func.count(Notification.id)).where(
        Notification.recipient_id == member.id, Notification.read_at.is_(None)
    )


def unread_count(member: Member) -> int:
    db.session.flush()
    return db.session.connection().scalar(unread_count_query(member)) or 0


def list_notifications(member: Member, page: int) -> tuple[list[Notification], int]:
    """One page of the member's notifications, newest first, with the total."""
    from sqlalchemy.orm import joinedload

    base = select(Notification).where(Notification.recipient_id == member.id)
    total = db.session.scalar(base.with_only_columns(func.count(Notification.id))) or 0
    items = list(
        db.session.scalars(
            base.options(joinedload(Notification.actor))
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        )
    )
    return items, total


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
    db.session.flush()


def mark_all_read(member: Member) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == member.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount or 0
