"""Immediate notification emails, sent from an outbox kept in the notifications table
itself, so a message is never lost and never sent twice for the same notice:

- A notice due an immediate email is written with `delivery = "immediate"` in the same
  transaction as the post that caused it. Only after that commit does anything try to
  send it: the request that made it (after_request, at most a few messages) and the
  `flask cop send-notifications` command (cron, every minute) for the rest.
- Sending one claims it first: an UPDATE that sets `email_claimed_at` only where it is
  still unclaimed, committed; whoever changes the row owns it. After the SMTP server
  accepts the message, `emailed_at` is set and committed. A failed send clears the claim
  (sent again on the next run); a claim left by a crashed process is taken again after
  CLAIM_TIMEOUT. Each email has a Message-ID made from the notice, so in the one case
  that can repeat a message (a crash between the SMTP "250 OK" and our commit) mail
  programs see the same message twice and show it once.

Daily and weekly digests are cop.notifications.digests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from flask import Flask, current_app, g, has_request_context, url_for
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, joinedload

from cop import mail
from cop.extensions import db
from cop.models import utcnow
from cop.notifications import messages, messaging
from cop.notifications.emails import CLAIM_TIMEOUT, message_id, unsubscribe_headers
from cop.notifications.models import Mode, Notification
from cop.notifications.services import PENDING_KEY

logger = logging.getLogger(__name__)


def _send_one(notification: Notification) -> None:
    member = notification.recipient
    unsubscribe_link, headers = unsubscribe_headers(member, notification.kind)
    stamp = notification.created_at.strftime("%Y%m%d%H%M%S")
    headers["Message-ID"] = message_id(f"cop-notification-{notification.id}.{stamp}")
    mail.send_templated(
        member.email,
        member.locale,
        "notification",
        headers=headers,
        member=member,
        notification=notification,
        describe=messages.describe,
        reason=messages.reason_of(notification),
        excerpt=messaging.excerpt_for(notification),
        link=messages.link_for(notification, external=True),
        settings_link=url_for("notifications.settings", _external=True),
        unsubscribe_link=unsubscribe_link,
    )


def _claim(notification_id: int, now: datetime) -> bool:
    result = db.session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.emailed_at.is_(None),
            (Notification.email_claimed_at.is_(None))
            | (Notification.email_claimed_at < now - CLAIM_TIMEOUT),
        )
        .values(email_claimed_at=now)
    )
    db.session.commit()
    return result.rowcount == 1


def due_immediate_ids(ids: Iterable[int] | None = None, limit: int | None = None) -> list[int]:
    now = utcnow()
    query = select(Notification.id).where(
        Notification.delivery == Mode.IMMEDIATE.value,
        Notification.emailed_at.is_(None),
        (Notification.email_claimed_at.is_(None))
        | (Notification.email_claimed_at < now - CLAIM_TIMEOUT),
    )
    if ids is not None:
        query = query.where(Notification.id.in_(list(ids)))
    return list(db.session.scalars(query.order_by(Notification.id).limit(limit)))


def deliver_immediate(ids: Iterable[int] | None = None, limit: int | None = None) -> int:
    """Send the immediate emails due (of these notices); commits per message."""
    sent = 0
    with mail.link_context():
        for notification_id in due_immediate_ids(ids, limit):
            if not _claim(notification_id, utcnow()):
                continue
            notification = db.session.scalar(
                select(Notification)
                .options(joinedload(Notification.recipient), joinedload(Notification.actor))
                .where(Notification.id == notification_id)
            )
            # A closed account (being removed by its job) gets nothing more.
            if notification.read_at is None and notification.recipient.closed_at is None:
                try:
                    _send_one(notification)
                except Exception:
                    logger.exception("notification %s: email not sent, will retry", notification_id)
                    db.session.rollback()
                    db.session.execute(
                        update(Notification)
                        .where(Notification.id == notification_id)
                        .values(email_claimed_at=None)
                    )
                    db.session.commit()
                    continue
                sent += 1
            # Read in the forum before the email left: nothing to send, done all the same.
            notification.emailed_at = utcnow()
            db.session.commit()
    return sent


# After commit: the request that made immediate notices sends them


def _after_commit(session: Session) -> None:
    ids = session.info.pop(PENDING_KEY, None)
    if ids and has_request_context():
        g.setdefault("cop_notifications_to_send", []).extend(ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


def _send_after_request(response):
    ids = g.pop("cop_notifications_to_send", None)
    limit = current_app.config.get("NOTIFICATIONS_SEND_IN_REQUEST", 10)
    if ids and limit:
        try:
            deliver_immediate(ids, limit=limit)
        except Exception:  # the cron command sends them; the page must not fail
            logger.exception("immediate notification emails left to the command")
            db.session.rollback()
    return response


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)
    app.after_request(_send_after_request)
