"""Migration 0010 (the FTS5 index holds each document's kind) indexes what is there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import insert, text

from cop.extensions import db
from cop.search import index
from cop.search.analysis import analyze
from cop.search.models import SearchDocument
from cop.search.query import SearchFilters, parse_query
from cop.search.results import search
from tests.conftest import build_app
from tests.databases import fresh_database_url


def document(kind: str, object_id: int, title: str, body: str) -> dict:
    title_normalized, title_tokens = analyze(title, "en")
    body_normalized, body_tokens = analyze(body, "en")
    return {
        "kind": kind,
        "object_id": object_id,
        "thread_id": object_id if kind in ("thread", "post") else None,
        "title": title,
        "body": body,
        "title_normalized": title_normalized,
        "body_normalized": body_normalized,
        "title_tokens": title_tokens,
        "body_tokens": body_tokens,
        "language": "en",
        "is_members_only": False,
        "created_at": datetime(2026, 1, object_id, tzinfo=UTC),
    }


DOCUMENTS = [
    document("thread", 1, "Cooperative housing in Porto", "How do tenants start one?"),
    document("thread", 2, "Social kitchens", "A cooperative kitchen fed the street."),
    document("post", 3, "Social kitchens", "Our cooperative shares a kitchen too."),
    document("post", 4, "Social kitchens", "Thanks, I will post the minutes."),
    document("resource", 5, "Toolkit", "Nothing about it here."),
]


def test_the_index_rebuilt_by_the_migration_answers_searches_of_one_kind(tmp_path):
    app = build_app(fresh_database_url("search_kind", tmp_path))
    with app.app_context():
        upgrade(revision="0009")
        db.session.execute(insert(SearchDocument), DOCUMENTS)
        db.session.commit()
        upgrade(revision="0010")
        # On to the head: the search reads columns added since (0019's state), and the
        # later migrations must keep the index 0010 built.
        upgrade()

        cooperative = parse_query("cooperative")
        threads = search(cooperative, SearchFilters(kind="thread"), signed_in=False)
        assert threads.counts == {
            "thread": 2,
            "post": 1,
            "resource": 0,
            "event": 0,
            "member": 0,
            "translation": 0,
        }
        # The title match ranks first.
        assert [hit.object_id for hit in threads.hits] == [1, 2]
        posts = search(cooperative, SearchFilters(kind="post"), signed_in=False)
        assert [hit.object_id for hit in posts.hits] == [3]
        # A word that is also a kind's name matches words only, not that kind's rows.
        post = search(parse_query("post"), SearchFilters(), signed_in=True)
        assert post.counts == {
            "thread": 0,
            "post": 1,
            "resource": 0,
            "event": 0,
            "member": 0,
            "translation": 0,
        }
        assert [hit.object_id for hit in post.hits] == [4]

        # Later changes reach the new index through the triggers.
        db.session.execute(text("DELETE FROM search_documents WHERE object_id = 1"))
        db.session.commit()
        assert search(cooperative, SearchFilters(), signed_in=False).counts["thread"] == 1
        db.session.remove()

        downgrade(revision="0009")
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                found = conn.scalars(
                    text("SELECT rowid FROM search_fts WHERE search_fts MATCH 'cooper'")
                ).all()
            assert len(found) == 2
        db.engine.dispose()


def test_only_profiles_may_be_members_only_documents():
    with pytest.raises(ValueError, match="never members-only"):
        index._document(
            kind="resource",
            object_id=1,
            title="Toolkit",
            body="",
            language="en",
            is_members_only=True,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
