"""Factories for reactions and answers: a Q&A table's thread with replies by others."""

from __future__ import annotations

import pytest

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.threads import services as thread_services
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)


@pytest.fixture
def qa_thread(db, make_member, make_category, make_thread):  # noqa: F811
    """A thread in a Q&A table: its author asks, `replier` wrote the two replies."""
    table = make_category()
    table.is_qa = True
    asker = make_member(display_name="Asker")
    thread = make_thread(author=asker, category=table, title="How do we start a cooperative?")
    replier = make_member(display_name="Replier")
    for body in ("Start with five members.", "Write the statutes first."):
        thread_services.reply_to_thread(author=replier, thread=thread, body=body, language="en")
    db.session.commit()
    thread.replier = replier
    return thread


@pytest.fixture
def people(db, make_member):
    """One member of each kind the permission matrices ask about."""

    def make():
        suspended = make_member(display_name="Suspended")
        db.session.add(
            MemberRestriction(member=suspended, suspended_until=utcnow().replace(year=2999))
        )
        db.session.commit()
        return {
            "member": make_member(display_name="Someone"),
            "moderator": make_member(display_name="Moderator", role=Role.MODERATOR),
            "admin": make_member(display_name="Admin", role=Role.ADMIN),
            "suspended": suspended,
        }

    return make


def posts_of(thread):
    from sqlalchemy import select

    from cop.extensions import db
    from cop.threads.models import Post

    return db.session.scalars(
        select(Post).where(Post.thread_id == thread.id).order_by(Post.position)
    ).all()
