"""Notification fixtures: discussion factories, a real SMTP server, helpers."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from cop.extensions import db as _db
from cop.notifications.models import Notification
from tests.auth.test_password_reset import smtp_server  # noqa: F401  (a real SMTP server)
from tests.conftest import build_app
from tests.members.conftest import outbox  # noqa: F401  (emails sent, locmem)
from tests.threads.conftest import make_category, make_thread  # noqa: F401


def notifications_of(db, member, **filters) -> list[Notification]:
    db.session.expire_all()
    query = select(Notification).where(Notification.recipient_id == member.id)
    for name, value in filters.items():
        query = query.where(getattr(Notification, name) == value)
    return list(db.session.scalars(query.order_by(Notification.id)))


def wait_for(inbox, count: int) -> list:
    for _ in range(100):
        if len(inbox.messages) >= count:
            break
        time.sleep(0.05)
    return inbox.messages


@pytest.fixture
def smtp_app(database_url, smtp_server):  # noqa: F811
    """A second app on the same database that sends through the local SMTP server."""
    controller, inbox = smtp_server
    app = build_app(
        database_url, MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port
    )
    app.inbox = inbox
    yield app
    with app.app_context():
        _db.engine.dispose()
