"""Notices that do not flood: grouped when written, one unread row per group.

Why at write time: the list, the header's count and the outbox then read one row per
group with the plain queries they had (a page of 30 rows is 30 groups; counting unread
groups is one COUNT), where grouping when read would need a GROUP BY over every unread
notice on each of those pages, and the emails of a group would have to be claimed
together. Here a reply to a thread whose group is unread adds to it in the same
INSERT: `INSERT ... ON CONFLICT (recipient_id, kind, group_key) WHERE <unread> DO
UPDATE` on a partial unique index, so two replies at once still make one row, counted
twice. Marking the row read marks the whole group read; the next notice starts a new one.

Emails of a group are combined by the same row: an immediate email still waiting (or
being sent) carries the whole group when it leaves; once it has left, later notices of
the group wait for the member to read it (one email per group until read: no flood).
A daily or weekly digest mode reopens the row for the next digest, which tells the
group again with its new count.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, null, text, update

from cop.database import dialect_insert
from cop.extensions import db
from cop.models import utcnow
from cop.notifications.models import UNREAD_GROUP, Mode, Notification

DIGESTS = (Mode.DAILY.value, Mode.WEEKLY.value)


def thread_group(thread_id: int) -> str:
    return f"thread:{thread_id}"


def conversation_group(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


def write_grouped(rows: list[dict[str, Any]]):
    """Insert these rows (one per recipient and kind), each added to its unread group
    when there is one: one statement, whatever their number. Returns (id, delivery) rows."""
    for row in rows:
        row["latest_target_id"] = row["target_id"]
        row["item_count"] = 1
    statement = dialect_insert(Notification).values(rows)
    new = statement.excluded
    digest = Notification.delivery.in_(DIGESTS)
    statement = statement.on_conflict_do_update(
        index_elements=["recipient_id", "kind", "group_key"],
        index_where=text(UNREAD_GROUP),
        set_={
            "item_count": Notification.item_count + 1,
            "actor_id": new.actor_id,
            "latest_target_id": new.target_id,
            "created_at": new.created_at,
            "emailed_at": case((digest, null()), else_=Notification.emailed_at),
            "digest_batch_id": case((digest, null()), else_=Notification.digest_batch_id),
        },
    )
    return db.session.execute(statement.returning(Notification.id, Notification.delivery))


def close_groups_read(group_key: str, read_upto) -> None:
    """Unread notices of the group whose recipient has read past their latest item in
    the thread or conversation itself are read: the next notice starts a new group.
    `read_upto` is a scalar subquery correlated to Notification.recipient_id."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.group_key == group_key,
            Notification.read_at.is_(None),
            read_upto >= Notification.latest_target_id,
        )
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def mark_group_read(member_id: int, group_key: str, *, upto: int) -> None:
    """The member read the thread or conversation up to `upto`: their unread group
    whose latest item is not after it is read."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.recipient_id == member_id,
            Notification.group_key == group_key,
            Notification.read_at.is_(None),
            Notification.latest_target_id <= upto,
        )
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
