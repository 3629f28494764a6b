"""Factories for conversation tests: conversations started through the services."""

from __future__ import annotations

import pytest

from cop.conversations import services
from tests.members.conftest import export_folder, exported, outbox  # noqa: F401  (fixtures)
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def open_to_strangers(app, monkeypatch):
    """New test members have no posts: the strangers' rule is tested on its own."""
    monkeypatch.setitem(app.config, "CONVERSATIONS_MIN_POSTS_FOR_STRANGERS", 0)


@pytest.fixture
def make_conversation(db, make_member):
    """make_conversation(sender, [recipients], subject=..., body=...) -> Conversation."""

    def make(sender=None, recipients=None, **fields):
        sender = sender or make_member()
        recipients = recipients if recipients is not None else [make_member()]
        conversation = services.start_conversation(
            sender=sender,
            recipients=recipients,
            subject=fields.pop("subject", "About the workshop"),
            body=fields.pop("body", "Hello, shall we meet?"),
        )
        db.session.commit()
        return conversation

    return make
