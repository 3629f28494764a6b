"""Cached thread rows and table cards: a list shows what it would without the cache."""

from __future__ import annotations

import re

from cop.extensions import cache
from cop.threads import services
from tests.pages import without_csrf_tokens


def row(html: str, thread_id: int) -> str:
    pattern = (
        rf'<li class="thread-row[^"]*">(?:(?!</li>).)*?/threads/{thread_id}"(?:(?!</li>).)*</li>'
    )
    return re.search(pattern, html, re.S).group(0)


def cached(kind: str) -> int:
    return sum(1 for key in cache.cache._cache if f"{kind}:" in key)


def test_a_table_lists_its_threads_from_the_cache_the_second_time(client, make_thread):
    thread = make_thread()
    slug = thread.category.slug
    first = client.get(f"/threads/tables/{slug}").get_data(as_text=True)
    assert cached("thread-row") == 1
    second = client.get(f"/threads/tables/{slug}").get_data(as_text=True)
    assert without_csrf_tokens(second) == without_csrf_tokens(first)


def test_a_new_reply_and_a_new_title_show_in_the_row(client, db, make_thread, make_member):
    thread = make_thread(title="Cooperativas de vivienda")
    home = client.get("/").get_data(as_text=True)
    assert "0 replies" in row(home, thread.id)
    replier = make_member(display_name="Νίκος Παππάς")
    services.reply_to_thread(author=replier, thread=thread, body="Μια απάντηση", language="el")
    thread.title = "Cooperativas de habitação"
    db.session.commit()
    updated = row(client.get("/").get_data(as_text=True), thread.id)
    assert "1 reply" in updated and "Νίκος Παππάς" in updated
    assert "Cooperativas de habitação" in updated and "vivienda" not in updated


def test_each_reader_sees_their_own_new_marks(app, client, login, make_member, make_thread):
    thread = make_thread(replies=1)
    reader = make_member()
    login(reader)
    assert "mark-new" in row(client.get("/").get_data(as_text=True), thread.id)
    client.get(f"/threads/{thread.id}")  # read it
    assert "mark-new" not in row(client.get("/").get_data(as_text=True), thread.id)
    visitor = app.test_client().get("/").get_data(as_text=True)
    assert "mark-new" not in row(visitor, thread.id)


def test_table_cards_follow_their_counts_and_the_readers_language(
    client, db, make_category, make_thread
):
    table = make_category(names={"en": "Public procurement", "es": "Compra pública"})
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Public procurement" in english and "0 threads" in english
    spanish = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Compra pública" in spanish
    make_thread(category=table)
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    card = re.search(r'<li class="category-card.*?</li>', english, re.S).group(0)
    assert "1 thread" in card and "1 post" in card


def test_a_members_list_is_one_cached_region_until_the_content_changes(
    client, db, login, make_member, make_thread, count_queries
):
    thread = make_thread(replies=1)
    slug = thread.category.slug
    login(make_member())
    with count_queries() as first:
        client.get(f"/threads/tables/{slug}")
    with count_queries() as again:
        client.get(f"/threads/tables/{slug}")

    def loads_threads(statements):  # the whole rows, with their authors and tables
        return any("FROM threads JOIN categories" in s for s in statements)

    assert loads_threads(first) and not loads_threads(again)
    newer = make_thread(category=thread.category, title="Moedas locais em Sintra")
    page = client.get(f"/threads/tables/{slug}").get_data(as_text=True)
    assert "Moedas locais em Sintra" in row(page, newer.id)
    assert "mark-new" in row(page, newer.id)
