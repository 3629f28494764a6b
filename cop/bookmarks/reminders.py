"""Reminders: on a bookmark's "remind me" day, a notice (and an email if the member
chose so), once. Run every minute by `flask cop send-notifications` (a chore of the
jobs runner, cop.jobs.runner.register_pruner)."""

from __future__ import annotations

import logging
from datetime import date

from flask import Flask
from sqlalchemy import select

from cop.bookmarks.models import Bookmark
from cop.bookmarks.targets import visible_target
from cop.database import set_flag_once
from cop.extensions import db
from cop.jobs import runner
from cop.members.models import Member
from cop.models import utcnow
from cop.notifications.models import Kind
from cop.notifications.services import Notice, notify

logger = logging.getLogger(__name__)

BATCH = 500


def send_due_reminders(today: date | None = None) -> int:
    """Tell each member of their bookmarks due today or before and not yet told; the
    flag is set by one conditional UPDATE, so two runs at once send each once."""
    today = today or utcnow().date()
    due = db.session.scalars(
        select(Bookmark)
        .where(Bookmark.is_reminded.is_(False), Bookmark.remind_on <= today)
        .order_by(Bookmark.id)
        .limit(BATCH)
    ).all()
    sent = 0
    for bookmark in due:
        if not set_flag_once(bookmark, "is_reminded", True):
            continue  # another run took it
        member = db.session.get(Member, bookmark.member_id)
        target = visible_target(member, bookmark.kind, bookmark.target_id)
        notify(
            [Notice(bookmark.member_id, Kind.REMINDER)],
            actor_id=None,
            # The thing itself, so hiding it later takes the unread notice away too.
            target_type=bookmark.kind if target is not None else "bookmark",
            target_id=bookmark.target_id if target is not None else bookmark.id,
            payload={
                "available": target is not None,
                "title": target.title if target is not None else "",
                "note": bookmark.note[:200],
                "language": target.language if target is not None else None,
            },
        )
        sent += 1
    if sent:
        logger.info("sent %s bookmark reminders", sent)
    return sent


def _send_now() -> int:
    return send_due_reminders()


def init_app(app: Flask) -> None:
    runner.register_pruner(_send_now)
