"""Notification emails: immediate ones after commit, daily and weekly digests.

Delivery is an outbox kept in the notifications table itself, so a message is never
lost and never sent twice for the same notices:

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
- Digests: a `digest_batches` row per frequency and period (a day, an ISO week), then
  per member a `digest_deliveries` row claimed and committed before sending, and after
  sending, in one commit, its `sent_at` and the notices it carried marked with the
  batch. Running the command again finishes the batch: members already served are
  skipped, notices already sent are never in another digest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import Flask, current_app, g, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import event, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from cop import mail
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.notifications import messages
from cop.notifications.models import (
    DigestBatch,
    DigestDelivery,
    Kind,
    Mode,
    Notification,
)
from cop.notifications.services import PENDING_KEY

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=15)
UNSUBSCRIBE_SALT = "cop.notifications.unsubscribe"
DIGEST_SCOPES = (Mode.DAILY.value, Mode.WEEKLY.value)


# Unsubscribe tokens: signed, without expiry (old emails keep working).


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def make_unsubscribe_token(member: Member, scope: str) -> str:
    return _serializer().dumps({"m": member.id, "s": scope})


def read_unsubscribe_token(token: str) -> tuple[Member, str] | None:
    """(member, scope) for a genuine token; scope is a kind, "daily" or "weekly"."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        return None
    scope = data.get("s")
    if scope not in {k.value for k in Kind} and scope not in DIGEST_SCOPES:
        return None
    member = db.session.get(Member, data["m"])
    return (member, scope) if member is not None else None


# Building links outside a request (the commands)


def _message_id(name: str) -> str:
    config = current_app.config
    domain = config.get("SERVER_NAME") or "cop.localhost"
    return f"<{name}@{domain.split(':')[0]}>"


def _unsubscribe_headers(member: Member, scope: str) -> tuple[str, dict[str, str]]:
    link = url_for(
        "notifications.unsubscribe",
        token=make_unsubscribe_token(member, scope),
        _external=True,
    )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return link, headers


# Immediate emails


def _send_one(notification: Notification) -> None:
    member = notification.recipient
    unsubscribe_link, headers = _unsubscribe_headers(member, notification.kind)
    stamp = notification.created_at.strftime("%Y%m%d%H%M%S")
    headers["Message-ID"] = _message_id(f"cop-notification-{notification.id}.{stamp}")
    mail.send_templated(
        member.email,
        member.locale,
        "notification",
        headers=headers,
        member=member,
        notification=notification,
        describe=messages.describe,
        reason=messages.reason_of(notification),
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


# Digests


def period_of(frequency: str, now: datetime) -> str:
    if frequency == Mode.DAILY.value:
        return now.date().isoformat()
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


def _batch(frequency: str, now: datetime) -> DigestBatch:
    period = period_of(frequency, now)
    query = select(DigestBatch).where(
        DigestBatch.frequency == frequency, DigestBatch.period == period
    )
    batch = db.session.scalar(query)
    if batch is None:
        try:
            batch = DigestBatch(frequency=frequency, period=period, started_at=now)
            db.session.add(batch)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            batch = db.session.scalar(query)
    return batch


def _due_digest_items(frequency: str, batch: DigestBatch, member_id: int | None = None):
    query = select(Notification).where(
        Notification.delivery == frequency,
        Notification.emailed_at.is_(None),
        Notification.digest_batch_id.is_(None),
        Notification.read_at.is_(None),
        Notification.created_at <= batch.started_at,
    )
    if member_id is not None:
        query = query.where(Notification.recipient_id == member_id)
    return query


def _claim_delivery(batch: DigestBatch, member_id: int, now: datetime) -> DigestDelivery | None:
    """This run's delivery row for the member, or None if it is sent or someone has it."""
    delivery = db.session.scalar(
        select(DigestDelivery).where(
            DigestDelivery.batch_id == batch.id, DigestDelivery.member_id == member_id
        )
    )
    if delivery is not None:
        if delivery.sent_at is not None or delivery.claimed_at > now - CLAIM_TIMEOUT:
            return None
        delivery.claimed_at = now  # left by a crashed run: taken over
        db.session.commit()
        return delivery
    try:
        delivery = DigestDelivery(batch_id=batch.id, member_id=member_id, claimed_at=now)
        db.session.add(delivery)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return delivery


def _send_digest(member: Member, frequency: str, batch: DigestBatch, items) -> None:
    unsubscribe_link, headers = _unsubscribe_headers(member, frequency)
    headers["Message-ID"] = _message_id(f"cop-digest-{batch.id}-{member.id}")
    mail.send_templated(
        member.email,
        member.locale,
        f"digest_{frequency}",
        headers=headers,
        member=member,
        items=items,
        describe=messages.describe,
        link_for=messages.link_for,
        notifications_link=url_for("notifications.index", _external=True),
        settings_link=url_for("notifications.settings", _external=True),
        unsubscribe_link=unsubscribe_link,
    )


def _deliver_digest(batch: DigestBatch, member_id: int, frequency: str) -> bool:
    now = utcnow()
    delivery = _claim_delivery(batch, member_id, now)
    if delivery is None:
        return False
    try:
        items = list(
            db.session.scalars(
                _due_digest_items(frequency, batch, member_id)
                .options(joinedload(Notification.actor))
                .order_by(Notification.created_at, Notification.id)
            )
        )
        if items:
            _send_digest(db.session.get(Member, member_id), frequency, batch, items)
    except BaseException:
        # A failure (or an interrupted run) gives the member back to the next run.
        db.session.rollback()
        db.session.delete(db.session.get(DigestDelivery, delivery.id))
        db.session.commit()
        raise
    for item in items:
        item.emailed_at = now
        item.digest_batch_id = batch.id
    delivery.sent_at = now
    delivery.item_count = len(items)
    db.session.commit()
    return bool(items)


def send_digests(frequency: str, now: datetime | None = None) -> int:
    """Send this period's digest to each member who has unread notices for it."""
    if frequency not in DIGEST_SCOPES:
        raise ValueError(f"unknown digest frequency {frequency!r}")
    batch = _batch(frequency, now or utcnow())
    member_ids = sorted(
        set(
            db.session.scalars(
                _due_digest_items(frequency, batch).with_only_columns(Notification.recipient_id)
            )
        )
    )
    db.session.commit()
    sent = 0
    with mail.link_context():
        for member_id in member_ids:
            sent += _deliver_digest(batch, member_id, frequency)
    batch.finished_at = utcnow()
    db.session.commit()
    logger.info("%s digest %s: %s sent", frequency, batch.period, sent)
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
