"""Search fixtures: threads and replies in any language, resources, and a search helper."""

from __future__ import annotations

import pytest

from cop.resources import services as resource_services
from cop.search.query import SearchFilters, parse_query
from cop.search.results import search
from cop.threads import services as thread_services
from tests.resources.conftest import resource_fields
from tests.threads.conftest import make_category  # noqa: F401 -- a fixture


@pytest.fixture
def start_thread(db, make_member, make_category):  # noqa: F811
    """start_thread(title, body, language="en", author=None, category=None) -> Thread."""

    def start(title: str, body: str, *, language: str = "en", author=None, category=None):
        thread = thread_services.start_thread(
            author=author or make_member(),
            category=category or make_category(),
            title=title,
            body=body,
            language=language,
        )
        db.session.commit()
        return thread

    return start


@pytest.fixture
def reply(db, make_member):
    def write(thread, body: str, *, language: str = "en", author=None):
        post = thread_services.reply_to_thread(
            author=author or make_member(), thread=thread, body=body, language=language
        )
        db.session.commit()
        return post

    return write


@pytest.fixture
def share_resource(db, make_member):
    """share_resource(title, description, language="es", type=..., ...) -> Resource."""

    def share(title: str, description: str, *, language: str = "en", sharer=None, **fields):
        resource = resource_services.create_resource(
            sharer=sharer or make_member(),
            fields=resource_fields(
                title=title, description=description, original_language=language, **fields
            ),
        )
        db.session.commit()
        return resource

    return share


@pytest.fixture
def find(db):
    """find("cooperativas", kind="thread", signed_in=True) -> [(kind, object_id), ...]."""

    def run(text: str, *, signed_in: bool = True, **filters):
        results = search(parse_query(text), SearchFilters(**filters), signed_in=signed_in)
        return results

    return run


def ids(results) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in results.hits}
