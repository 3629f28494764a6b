"""Factories for discussion tests: tables, threads and replies, committed."""

from __future__ import annotations

import itertools

import pytest

from cop.threads import services

_numbers = itertools.count(1)


@pytest.fixture
def make_category(db):
    def make(**fields):
        n = next(_numbers)
        names = fields.pop("names", {"en": f"Table {n}"})
        category = services.save_category(
            None,
            slug=fields.pop("slug", f"table-{n}"),
            position=fields.pop("position", n),
            original_locale=fields.pop("original_locale", "en"),
            is_archived=fields.pop("is_archived", False),
            texts=[
                services.CategoryText(code, name, f"About {name}") for code, name in names.items()
            ],
        )
        db.session.commit()
        return category

    return make


@pytest.fixture
def make_thread(db, make_member, make_category):
    """make_thread(author=..., category=..., replies=3, title=..., body=...) -> Thread."""

    def make(**fields):
        n = next(_numbers)
        author = fields.pop("author", None) or make_member()
        category = fields.pop("category", None) or make_category()
        replies = fields.pop("replies", 0)
        thread = services.start_thread(
            author=author,
            category=category,
            title=fields.pop("title", f"Thread number {n}"),
            body=fields.pop("body", f"Opening post {n}"),
            language=fields.pop("language", "en"),
        )
        for i in range(replies):
            services.reply_to_thread(
                author=author, thread=thread, body=f"Reply {i + 1}", language="en"
            )
        for name, value in fields.items():
            setattr(thread, name, value)
        db.session.commit()
        return thread

    return make
