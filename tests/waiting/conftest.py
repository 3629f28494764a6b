"""Fixtures for the threads waiting for an answer: the discussion factories, a reply."""

from __future__ import annotations

import pytest

from cop.members.models import MemberLanguage
from cop.threads import services
from tests.events.conftest import make_event, table  # noqa: F401
from tests.threads.conftest import make_category, make_thread  # noqa: F401


@pytest.fixture
def reply(db):
    """reply(thread, author) -> a committed reply."""

    def write(thread, author, body="An answer", language="en"):
        post = services.reply_to_thread(author=author, thread=thread, body=body, language=language)
        db.session.commit()
        return post

    return write


@pytest.fixture
def reads(db):
    """reads(member, "el", "fr"): the languages on the member's profile."""

    def set_languages(member, *codes):
        member.languages = [MemberLanguage(code=code) for code in codes]
        db.session.commit()
        return member

    return set_languages
