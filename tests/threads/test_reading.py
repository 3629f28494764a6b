"""Lists, thread pages, unread marks, feeds and the home page: fixed query counts."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from cop.extensions import cache
from cop.models import utcnow
from cop.threads import listing, services
from cop.threads.models import Post, Thread
from tests.conftest import PASSWORD

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _many_threads(db, make_member, make_category, count, replies_each=0):
    author = make_member()
    table = make_category()
    for n in range(count):
        thread = services.start_thread(
            author=author, category=table, title=f"Thread {n:03d}", body="Body", language="en"
        )
        for _ in range(replies_each):
            services.reply_to_thread(author=author, thread=thread, body="Again", language="es")
    db.session.commit()
    return author, table


def _count(client, count_queries, url):
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def test_the_thread_list_runs_a_fixed_number_of_queries(
    client, db, make_member, make_category, count_queries, login
):
    member = make_member()
    login(member)
    _many_threads(db, make_member, make_category, 2)
    few = _count(client, count_queries, "/threads/")
    _many_threads(db, make_member, make_category, 40, replies_each=1)
    many = _count(client, count_queries, "/threads/")
    assert few == many
    assert many <= 10  # with the content version and the ids that key the cached list


def test_a_thread_page_runs_a_fixed_number_of_queries(
    client, db, make_member, make_thread, count_queries, login
):
    login(make_member())
    small = make_thread(replies=1)
    big = make_thread(replies=30)
    assert _count(client, count_queries, f"/threads/{small.id}?page=1") == _count(
        client, count_queries, f"/threads/{big.id}?page=1"
    )


def test_table_and_home_pages_run_a_fixed_number_of_queries(
    client, db, make_member, make_category, count_queries
):
    def rendered(url):  # counted as rendered: regions that new threads leave alone
        cache.clear()  # (the next events) would otherwise be read from the cache
        return _count(client, count_queries, url)

    _, table = _many_threads(db, make_member, make_category, 2)
    few = [rendered(u) for u in ("/", f"/threads/tables/{table.slug}")]
    _many_threads(db, make_member, make_category, 30)
    many = [rendered(u) for u in ("/", f"/threads/tables/{table.slug}")]
    assert few == many


def test_threads_are_paginated_by_thirty(client, db, make_member, make_category):
    _many_threads(db, make_member, make_category, 35)
    first = client.get("/threads/?sort=newest").get_data(as_text=True)
    second = client.get("/threads/?sort=newest&page=2").get_data(as_text=True)
    assert "Thread 034" in first and "Thread 004" not in first
    assert "Thread 004" in second and 'aria-label="Pages"' in second
    assert 'rel="prev"' in second


def test_posts_are_paginated_by_twenty(client, make_thread):
    thread = make_thread(replies=25)
    page2 = client.get(f"/threads/{thread.id}?page=2").get_data(as_text=True)
    assert "Reply 24" in page2 and "Reply 18" not in page2


def test_sorting_and_filters(client, db, make_member, make_category):
    author, table = make_member(), make_category()
    old = services.start_thread(
        author=author, category=table, title="Old busy thread", body="x1", language="el"
    )
    for _ in range(3):
        services.reply_to_thread(author=author, thread=old, body="yy", language="el")
    new = services.start_thread(
        author=author, category=table, title="New quiet thread", body="x2", language="ar"
    )
    old.created_at = utcnow() - timedelta(days=3)
    db.session.commit()

    def order(query):
        page = client.get(f"/threads/?{query}").get_data(as_text=True)
        return [t for t in ("Old busy thread", "New quiet thread") if t in page] and sorted(
            ("Old busy thread", "New quiet thread"),
            key=lambda t: page.find(t) if t in page else 1e9,
        )

    assert order("sort=newest")[0] == new.title
    assert order("sort=replies")[0] == old.title
    unanswered = client.get("/threads/?unanswered=1").get_data(as_text=True)
    assert new.title in unanswered and old.title not in unanswered
    greek = client.get("/threads/?language=el").get_data(as_text=True)
    assert old.title in greek and new.title not in greek
    assert client.get("/threads/?sort=bogus&language=xx&page=zz").status_code == 200


def test_the_home_pages_latest_threads_by_language_for_visitors_and_members(
    app, db, make_member, make_category
):
    author, table = make_member(), make_category()
    for title, language in (("Κοινωνική οικονομία", "el"), ("Economía social", "es")):
        services.start_thread(
            author=author, category=table, title=title, body="x", language=language
        )
    db.session.commit()
    for reader in (None, make_member()):
        client = app.test_client()
        if reader is not None:
            client.post("/auth/sign-in", data={"email": reader.email, "password": PASSWORD})
        greek = client.get("/?language=el").get_data(as_text=True)
        assert "Κοινωνική οικονομία" in greek and "Economía social" not in greek
        every = client.get("/?language=xx").get_data(as_text=True)
        assert "Κοινωνική οικονομία" in every and "Economía social" in every


def test_pinned_threads_come_first_in_their_table(client, db, make_thread, make_category):
    table = make_category()
    pinned = make_thread(category=table, title="Read me first", is_pinned=True)
    make_thread(category=table, title="Later thread")
    page = client.get(f"/threads/tables/{table.slug}").get_data(as_text=True)
    assert page.find(pinned.title) < page.find("Later thread")
    assert "Pinned" in page


def test_new_posts_are_marked_for_a_returning_member(client, db, login, make_member, make_thread):
    reader = make_member()
    thread = make_thread(replies=2)
    login(reader)
    assert "mark-new" in client.get("/threads/").get_data(as_text=True)
    client.get(f"/threads/{thread.id}")
    assert "mark-new" not in client.get("/threads/").get_data(as_text=True)
    services.reply_to_thread(author=thread.author, thread=thread, body="News!", language="en")
    db.session.commit()
    assert "mark-new" in client.get("/threads/").get_data(as_text=True)


def test_a_returning_member_lands_on_the_first_unread_post(
    client, db, login, make_member, make_thread
):
    reader = make_member()
    thread = make_thread(replies=24)
    login(reader)
    client.get(f"/threads/{thread.id}?page=1")  # reads posts 1-20
    response = client.get(f"/threads/{thread.id}")
    post21 = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 21))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"page=2#post-{post21.id}")


def test_permalinks_lead_to_the_right_page(client, db, make_thread):
    thread = make_thread(replies=45)
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 42))
    response = client.get(f"/threads/posts/{post.id}")
    assert response.headers["Location"].endswith(f"page=3#post-{post.id}")


def test_posts_carry_their_direction_and_author_details(client, db, make_member, make_thread):
    author = make_member(country="JO", display_name="Omar")
    thread = make_thread(author=author, language="ar", body="مرحبا بكم")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert '<div class="post-body" lang="ar" dir="auto">' in page
    assert "Jordan" in page
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_unknown_threads_tables_and_posts_are_404(client):
    for url in (
        "/threads/999",
        "/threads/tables/nope",
        "/threads/posts/999",
        "/threads/999/feed.atom",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", ["latest", "table", "thread"])
def test_feeds_are_valid_atom_with_entry_languages(client, db, make_member, make_thread, kind):
    thread = make_thread(language="el", body="Καλημέρα **σε όλους**", replies=1)
    url = {
        "latest": "/threads/feed.atom",
        "table": f"/threads/tables/{thread.category.slug}/feed.atom",
        "thread": f"/threads/{thread.id}/feed.atom",
    }[kind]
    response = client.get(url)
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 -- our own feed
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.get(XML_LANG) in ("el", "en")
        for required in ("id", "title", "updated", "published", "content", "author"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.find(f"{ATOM}updated").text.endswith("Z")
    if kind != "thread":
        assert "<strong>σε όλους</strong>" in entries[0].find(f"{ATOM}content").text


def test_feeds_leave_out_deleted_posts_and_hidden_threads(client, db, make_thread):
    hidden = make_thread(title="Hidden from the feed")
    hidden.is_hidden = True
    thread = make_thread(replies=1)
    reply = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 2))
    services.delete_post(reply, actor=thread.author)
    db.session.commit()
    assert b"Hidden from the feed" not in client.get("/threads/feed.atom").data
    assert b"Reply 1" not in client.get(f"/threads/{thread.id}/feed.atom").data


def test_home_shows_latest_threads_and_tables(client, make_thread, make_category):
    table = make_category(names={"en": "Complementary currencies", "es": "Monedas"})
    make_thread(category=table, title="Time banks in Coimbra")
    page = client.get("/").get_data(as_text=True)
    assert "Time banks in Coimbra" in page and "Complementary currencies" in page


def test_table_names_follow_the_readers_language(client, login, make_member, make_category):
    make_category(names={"en": "Introductions", "es": "Presentaciones"})
    login(make_member(locale="es"))
    assert "Presentaciones" in client.get("/threads/tables").get_data(as_text=True)


def test_queries_keep_hidden_threads_from_members(db, make_member, make_thread):
    thread = make_thread()
    thread.is_hidden = True
    db.session.commit()
    page = listing.list_threads(make_member(), listing.ThreadFilter())
    assert page.items == [] and page.total == 0
    assert db.session.get(Thread, thread.id) is not None
