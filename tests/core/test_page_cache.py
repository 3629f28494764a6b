"""Visitors' pages from the cache (cop.pagecache), keyed by the content version
(cop.contentversion): served without rendering, never after a change they miss,
never to members, and with each visitor's own CSRF token."""

from __future__ import annotations

import os
import re

import pytest

from cop.contentversion import SiteState
from cop.extensions import db as _db
from cop.threads import services as threads
from tests.conftest import build_app
from tests.pages import without_csrf_tokens


@pytest.fixture
def table(db):
    category = threads.save_category(
        None, slug="procurement", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "Public procurement", "About it")],
    )  # fmt: skip
    db.session.commit()
    return category


@pytest.fixture
def thread(db, make_member, table):
    started = threads.start_thread(
        author=make_member(), category=table, title="Social clauses in tenders",
        body="How do you write them?", language="en",
    )  # fmt: skip
    db.session.commit()
    return started


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token"([^>]*)value="[^"]+"', "", html)


def version() -> int:
    _db.session.expire_all()
    return _db.session.get(SiteState, 1).content_version


def test_a_visitors_second_view_is_served_from_the_cache_in_one_query(
    client, thread, count_queries
):
    first = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    with count_queries() as statements:
        second = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert len(statements) == 1  # the content version
    assert without_csrf_tokens(second) == without_csrf_tokens(first)


def test_a_new_reply_is_on_the_next_view(client, db, make_member, thread):
    assert "A first answer" not in client.get(f"/threads/{thread.id}").get_data(as_text=True)
    replier = make_member()
    before = version()
    threads.reply_to_thread(
        author=replier, thread=db.session.merge(thread), body="A first answer", language="en"
    )
    db.session.commit()
    assert version() == before + 1
    assert "A first answer" in client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_private_bookkeeping_leaves_the_version_alone(client, db, login, make_member, thread):
    login(make_member())  # signing in may touch the member; measure what reading does
    before = version()
    client.get(f"/threads/{thread.id}")  # writes the reader's read mark
    client.post("/notifications/watch", data={"target_type": "thread", "target_id": thread.id})
    assert version() == before


def test_members_get_their_own_page_not_the_visitors(app, client, login, make_member, thread):
    visitor = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Sign in to reply" in visitor
    member = make_member(display_name="Amal Nasser")
    login(member)
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Amal Nasser" in page and "Sign in to reply" not in page


def test_a_members_page_tells_shared_caches_to_keep_it_private(client, login, make_member, thread):
    visitor = client.get(f"/threads/{thread.id}")
    assert "private" not in visitor.headers.get("Cache-Control", "")
    login(make_member())
    for path in (f"/threads/{thread.id}", "/", "/members/"):
        page = client.get(path)
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "private, no-cache", path
        assert "Cookie" in page.headers["Vary"]


def test_each_language_and_address_has_its_own_page(client, thread):
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    arabic = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'dir="rtl"' in arabic
    page_one = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert client.get("/threads/").get_data(as_text=True) != page_one


def test_a_page_with_a_message_is_neither_served_from_nor_kept_in_the_cache(app, client, thread):
    client.get("/")  # cached
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "A message for this visitor only")]
    shown = client.get("/").get_data(as_text=True)
    assert "A message for this visitor only" in shown
    assert "A message for this visitor only" not in app.test_client().get("/").get_data(
        as_text=True
    )


def test_only_pages_marked_for_visitors_are_cached(client, count_queries):
    client.get("/auth/sign-in")
    with count_queries() as statements:
        client.get("/no-such-page")
        client.get("/no-such-page")
    assert all("site_state" not in s for s in statements)


def test_the_cache_can_be_turned_off(app, client, thread, count_queries, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_CACHE_SECONDS", 0)
    client.get(f"/threads/{thread.id}")
    with count_queries() as statements:
        client.get(f"/threads/{thread.id}")
    assert len(statements) > 1


def test_every_visitor_gets_their_own_working_token_from_a_cached_page(database_url, db, thread):
    strict = build_app(database_url, WTF_CSRF_ENABLED=True)
    tokens = []
    for _ in range(2):
        visitor = strict.test_client()
        html = visitor.get(f"/threads/{thread.id}").get_data(as_text=True)
        found = set(re.findall(r'name="csrf_token"[^>]*value="([^"]+)"', html))
        assert len(found) == 1  # one token, the visitor's own, in every form
        token = found.pop()
        tokens.append(token)
        switched = visitor.post(
            "/language", data={"csrf_token": token, "locale": "fr", "next": "/"}
        )
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]
    with strict.app_context():
        _db.engine.dispose()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="no REDIS_URL: run scripts/redis.sh")
def test_with_redis_every_worker_shares_the_pages_and_fragments(database_url, db, thread):
    import redis

    prefix = f"cop-test-{os.getpid()}:"
    workers = [
        build_app(database_url, REDIS_URL=os.environ["REDIS_URL"], CACHE_KEY_PREFIX=prefix)
        for _ in range(2)
    ]
    assert workers[0].config["CACHE_TYPE"] == "RedisCache"
    first = workers[0].test_client().get(f"/threads/{thread.id}").get_data(as_text=True)
    with redis.Redis.from_url(os.environ["REDIS_URL"]) as r:
        kept = [key.decode() for key in r.scan_iter(f"{prefix}*")]
        assert any("page:" in key for key in kept) and any("post:" in key for key in kept)
        second = workers[1].test_client().get(f"/threads/{thread.id}").get_data(as_text=True)
        assert without_tokens(second) == without_tokens(first)
        for key in r.scan_iter(f"{prefix}*"):
            r.delete(key)
    for app in workers:
        with app.app_context():
            _db.engine.dispose()
