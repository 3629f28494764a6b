"""A small world for the machine translation tests: a Greek thread with a reply that
mentions someone, and a Spanish resource, with the fixtures to make them."""

from __future__ import annotations

import itertools

import pytest

from cop.resources import services as resource_services
from cop.threads import services as thread_services
from cop.threads.models import Post
from tests.resources.conftest import resource_fields

_numbers = itertools.count(1)
GREEK_BODY = "Καλημέρα σε όλους. Δείτε τον `κώδικα` και το [έγγραφο](https://example.org/doc)."


@pytest.fixture
def greek_thread(db, make_member):
    """A thread written in Greek; its reply mentions @ana_m, its author is Eleni."""
    n = next(_numbers)
    table = thread_services.save_category(
        None,
        slug=f"mt-table-{n}",
        position=n,
        original_locale="en",
        is_archived=False,
        texts=[thread_services.CategoryText("en", f"Table {n}", "About it")],
    )
    author = make_member(display_name="Eleni", locale="el")
    make_member(display_name="Ana", handle="ana_m")
    thread = thread_services.start_thread(
        author=author, category=table, title="Συνάντηση στην Αθήνα", body=GREEK_BODY, language="el"
    )
    thread_services.reply_to_thread(
        author=author, thread=thread, body="Ρωτήστε την @ana_m για το **πρόγραμμα**.", language="el"
    )
    db.session.commit()
    return thread


def posts_of(thread) -> list[Post]:
    from sqlalchemy import select

    from cop.extensions import db

    return list(
        db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.position))
    )


@pytest.fixture
def spanish_resource(db, make_member):
    sharer = make_member(display_name="Lucía", locale="es")
    resource = resource_services.create_resource(
        sharer=sharer,
        fields=resource_fields(
            title="Guía de cooperativas",
            description="Una guía **práctica** para empezar: https://example.org/guia",
            original_language="es",
        ),
    )
    db.session.commit()
    return resource
