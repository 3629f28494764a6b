"""Daily and weekly digests of the notices a member has not read.

A `digest_batches` row per frequency and period (a day, an ISO week), then per member a
`digest_deliveries` row claimed and committed before sending, and after sending, in one
commit, its `sent_at` and the notices it carried marked with the batch. Running the
command again finishes the batch: members already served are skipped, notices already
sent are never in another digest. Immediate emails are cop.notifications.outbox.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from cop import mail
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.notifications import messages
from cop.notifications.emails import (
    CLAIM_TIMEOUT,
    DIGEST_SCOPES,
    message_id,
    unsubscribe_headers,
)
from cop.notifications.models import DigestBatch, DigestDelivery, Mode, Notification
from cop.waiting import queries as waiting

logger = logging.getLogger(__name__)


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
    unsubscribe_link, headers = unsubscribe_headers(member, frequency)
    headers["Message-ID"] = message_id(f"cop-digest-{batch.id}-{member.id}")
    mail.send_templated(
        member.email,
        member.locale,
        f"digest_{frequency}",
        headers=headers,
        member=member,
        items=items,
        describe=messages.describe,
        link_for=messages.link_for,
        # Threads waiting for an answer in the member's languages, not their own.
        waiting=waiting.digest_threads(member),
        waiting_link=url_for("waiting.index", _external=True),
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
