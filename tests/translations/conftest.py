"""Factories for translations: a thread with a reply by someone else, translations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.threads import services as thread_services
from cop.threads.models import Post
from cop.translations import services
from cop.translations.sources import load_original
from tests.resources.conftest import make_resource  # noqa: F401  (fixtures)
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)


@pytest.fixture
def scene(db, make_member, make_thread):  # noqa: F811
    """A Greek thread by `author` with a reply by `replier`, and `translator`."""
    author = make_member(display_name="Author")
    replier = make_member(display_name="Replier")
    thread = make_thread(
        author=author,
        title="Πώς ξεκινάμε έναν συνεταιρισμό;",
        body="Χρειαζόμαστε **πέντε** μέλη.",
        language="el",
    )
    thread_services.reply_to_thread(
        author=replier, thread=thread, body="Γράψτε πρώτα το καταστατικό.", language="el"
    )
    db.session.commit()
    opening, reply = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id).order_by(Post.position)
    ).all()
    return {
        "author": author,
        "replier": replier,
        "translator": make_member(display_name="Translator"),
        "thread": thread,
        "opening": opening,
        "reply": reply,
    }


@pytest.fixture
def translate(db):
    """translate(kind, obj, member, language="en", body=..., title=...) -> committed."""

    def make(kind, obj, member, language="en", body="Write the statutes first.", title=None):
        original = load_original(kind, obj.id)
        translation, created = services.add_translation(
            original, translator=member, language=language, title=title, body=body
        )
        assert created
        db.session.commit()
        return translation

    return make


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
            "unconfirmed": make_member(display_name="Unconfirmed", email_confirmed=False),
        }

    return make
