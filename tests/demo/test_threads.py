"""The demo discussions: twelve tables in six languages, living threads, seeded once."""

from __future__ import annotations

from sqlalchemy import func, select

from cop import demo
from cop.i18n import SUPPORTED_LOCALES
from cop.threads.models import Category, Mention, Post, Thread


def test_demo_discussions_are_complete_and_idempotent(db):
    created = demo.seed()
    db.session.commit()
    assert created > 0
    tables = db.session.scalars(select(Category)).all()
    assert len(tables) == 12
    for table in tables:
        assert {t.locale for t in table.translations} == set(SUPPORTED_LOCALES)
    languages = set(db.session.scalars(select(Post.language)))
    assert languages == set(SUPPORTED_LOCALES)
    assert db.session.scalar(select(func.count(Mention.id))) >= 3
    threads = db.session.scalar(select(func.count(Thread.id)))
    posts = db.session.scalar(select(func.count(Post.id)))
    assert demo.seed() == 0
    db.session.commit()
    assert db.session.scalar(select(func.count(Thread.id))) == threads
    assert db.session.scalar(select(func.count(Post.id))) == posts


def test_demo_pages_render(client, db):
    demo.seed()
    db.session.commit()
    assert client.get("/").status_code == 200
    assert client.get("/threads/").status_code == 200
    for thread_id in db.session.scalars(select(Thread.id)):
        assert client.get(f"/threads/{thread_id}").status_code == 200
