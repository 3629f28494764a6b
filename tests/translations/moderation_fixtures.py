"""Fixtures of the moderation and search tests of translations: translations made
directly (the members' forms are another lane's), sending `translation_added` as the
translation services do (search indexes it; nobody is told of it), and a scene with a
reported one.

A test module names the ones it uses: `translate = moderation_fixtures.translate`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop import signals
from cop.members.models import Role
from cop.resources.models import Resource
from cop.sanitize import POLICY_VERSION, render_markdown
from cop.threads.models import Category, Post, Thread
from cop.translations import sources
from cop.translations.models import ContentTranslation
from tests.moderation import conftest as moderation_fixtures
from tests.threads import conftest as discussions

# The factories of other folders' tests, for the modules importing these fixtures.
make_category = discussions.make_category
make_thread = discussions.make_thread
make_resource = moderation_fixtures.make_resource

KIND_OF = {Post: "post", Thread: "thread", Resource: "resource", Category: "category"}


@pytest.fixture
def translate(db):
    """translate(original, "fr", translator=member, body="...", title=None) -> committed
    ContentTranslation (a member's; origin="machine", provider="DeepL" for a machine's)."""

    def make(original, language="fr", *, translator=None, body="", title=None, **fields):
        kind = KIND_OF[type(original)]
        source = sources.load_original(kind, original.id)
        translation = ContentTranslation(
            kind=kind,
            object_id=original.id,
            language=language,
            origin=fields.pop("origin", "member"),
            provider=fields.pop("provider", None),
            title=title,
            body_source=body,
            body_html=render_markdown(body),
            policy_version=POLICY_VERSION,
            source_digest=source.digest,
            translator=translator,
        )
        db.session.add(translation)
        db.session.flush()
        signals.translation_added.send(
            translation, original=source, translator=translator, author_id=None
        )
        db.session.commit()
        return translation

    return make


@pytest.fixture
def moderator(make_member):
    return make_member(role=Role.MODERATOR, display_name="Mona Moderator")


@pytest.fixture
def tr_scene(db, make_member, make_thread):
    """A Greek thread by `author` with one reply, a French translation of the reply by
    `translator`."""
    author = make_member(display_name="Eleni Author", locale="el")
    translator = make_member(display_name="Farid Translator", locale="fr")
    thread = make_thread(
        author=author,
        title="Κοινωνική οικονομία στην Αθήνα",
        body="Πρώτο μήνυμα",
        language="el",
        replies=1,
    )
    reply = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 2))
    return {"author": author, "translator": translator, "thread": thread, "post": reply}
