"""Thread lists in the reader's languages: titles shown translated where a translation
exists, the original on a secondary line, the language of each item marked, lists
filtered by language; one query for a list's titles."""

from __future__ import annotations

import re

import pytest

from cop.threads import services
from cop.threads.services import CategoryText, save_category
from tests.translations.reading_world import (
    ENGLISH_TITLE,
    GREEK_TITLE,
    build_world,
    speaks,
    translate,
)


@pytest.fixture
def world(db, make_member):
    category = save_category(
        None,
        slug="cooperatives",
        position=1,
        original_locale="en",
        is_archived=False,
        texts=[CategoryText("en", "Cooperatives", "About them")],
    )
    db.session.commit()
    return build_world(make_member, category=category)


@pytest.fixture
def reader(make_member, login):
    member = speaks(make_member(display_name="Reader", locale="en"), "fr")
    login(member)
    return member


def get(client, path: str, **args) -> str:
    response = client.get(path, query_string=args)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def row_of(html: str, thread_id: int) -> str:
    found = re.search(
        rf'<li class="thread-row[^"]*">(?:(?!</li>).)*?/threads/{thread_id}"(?:(?!</li>).)*</li>',
        html,
        re.S,
    )
    assert found, html
    return found.group(0)


def title_translated(world) -> None:
    translate("thread", world.thread.id, "en", title=ENGLISH_TITLE, translator=world.translator)


LISTS = ["/", "/threads/", "/threads/tables/cooperatives"]


@pytest.mark.parametrize("path", LISTS)
def test_a_list_shows_a_title_translated_with_its_original_beside_it(client, world, reader, path):
    title_translated(world)
    row = row_of(get(client, path), world.thread.id)
    assert f'lang="en" dir="auto">{ENGLISH_TITLE}</a>' in row
    assert f'<span lang="el" dir="auto">{GREEK_TITLE}</span>' in row
    assert "Original title:" in row and "translated by a member" in row
    assert '<data class="language" value="el">Greek</data>' in row


@pytest.mark.parametrize("path", LISTS)
def test_visitors_read_the_titles_as_written(client, world, path):
    title_translated(world)
    row = row_of(get(client, path), world.thread.id)
    assert f'lang="el" dir="auto">{GREEK_TITLE}</a>' in row and ENGLISH_TITLE not in row


def test_a_reader_of_greek_reads_the_greek_title(client, world, make_member, login):
    title_translated(world)
    login(speaks(make_member(locale="en"), "el"))
    row = row_of(get(client, "/threads/"), world.thread.id)
    assert GREEK_TITLE in row and ENGLISH_TITLE not in row


def test_a_machine_title_and_an_outdated_one_are_labelled(client, db, world, reader):
    translate("thread", world.thread.id, "en", title=ENGLISH_TITLE, provider="DeepL")
    row = row_of(get(client, "/threads/"), world.thread.id)
    assert "machine translation" in row and "mark-outdated" not in row
    services.edit_post(
        world.opening, editor=world.author, body=world.opening.body_source,
        title="Συνεταιρισμοί", language="el",
    )  # fmt: skip
    db.session.commit()
    row = row_of(get(client, "/threads/"), world.thread.id)
    assert "mark-outdated" in row and ENGLISH_TITLE in row


def test_a_new_title_translation_shows_on_the_next_view_of_a_list(client, world, reader):
    assert ENGLISH_TITLE not in get(client, "/threads/")
    title_translated(world)
    assert ENGLISH_TITLE in get(client, "/threads/")


def test_the_unread_page_shows_titles_translated_and_filters_by_language(client, db, world, reader):
    title_translated(world)
    get(client, f"/threads/{world.thread.id}", page=1)  # opened: now it can be unread
    services.reply_to_thread(author=world.author, thread=world.thread, body="Νέο", language="el")
    db.session.commit()
    html = get(client, "/threads/unread")
    assert ENGLISH_TITLE in row_of(html, world.thread.id)
    assert ENGLISH_TITLE in get(client, "/threads/unread", language="el")
    filtered = get(client, "/threads/unread", language="fr")
    assert ENGLISH_TITLE not in filtered and "Nothing unread in" in filtered
    assert ENGLISH_TITLE in get(client, "/threads/unread", language="xx")


def test_mark_all_read_on_a_filtered_unread_page_marks_only_that_language(
    client, db, world, reader
):
    get(client, f"/threads/{world.thread.id}", page=1)
    services.reply_to_thread(author=world.author, thread=world.thread, body="Νέο", language="el")
    db.session.commit()
    upto = world.thread.last_post_id
    response = client.post("/threads/unread/read", data={"upto": upto, "language": "fr"})
    assert response.headers["Location"] == "/threads/unread?language=fr"
    assert GREEK_TITLE in get(client, "/threads/unread")
    client.post("/threads/unread/read", data={"upto": upto, "language": "el"})
    assert GREEK_TITLE not in get(client, "/threads/unread")


@pytest.mark.parametrize("path", ["/", "/threads/", "/threads/tables/cooperatives"])
@pytest.mark.parametrize(
    ("language", "shown"), [("el", True), ("es", False), ("zz", True), ("", True), ("é" * 50, True)]
)
def test_a_list_filters_by_language_and_ignores_an_unknown_one(
    client, world, path, language, shown
):
    html = get(client, path, language=language)
    assert (GREEK_TITLE in html) is shown


def test_an_arabic_title_in_an_english_list_and_an_english_one_in_an_arabic_list_keep_their_direction(
    client, db, world, make_member, login
):
    arabic = services.start_thread(
        author=world.replier, category=world.category, title="الاقتصاد الاجتماعي في الأردن",
        body="نص", language="ar",
    )  # fmt: skip
    english = services.start_thread(
        author=world.translator, category=world.category, title="Community currencies",
        body="Text", language="en",
    )  # fmt: skip
    db.session.commit()
    translate("thread", arabic.id, "en", title="Social economy in Jordan", translator=world.author)
    translate("thread", english.id, "ar", title="العملات المجتمعية", translator=world.replier)
    login(speaks(make_member(locale="en"), "fr"))
    row = row_of(get(client, "/threads/"), arabic.id)
    assert 'lang="en" dir="auto">Social economy in Jordan</a>' in row
    assert '<span lang="ar" dir="auto">الاقتصاد الاجتماعي في الأردن</span>' in row
    client.post("/auth/sign-out")
    login(speaks(make_member(locale="ar"), "fr"))
    html = get(client, "/threads/")
    assert '<html lang="ar" dir="rtl"' in html
    row = row_of(html, english.id)
    assert 'lang="ar" dir="auto">العملات المجتمعية</a>' in row
    assert '<span lang="en" dir="auto">Community currencies</span>' in row


def test_a_lists_titles_cost_one_query_however_many_are_translated(
    app, client, db, world, reader, count_queries, no_page_cache
):
    from cop.extensions import cache

    threads = [
        services.start_thread(
            author=world.author,
            category=world.category,
            title=f"Τίτλος {n}",
            body="Σώμα",
            language="el",
        )
        for n in range(6)
    ]
    db.session.commit()
    translate("thread", threads[0].id, "en", title="Title 0", translator=world.translator)

    def counted() -> int:
        cache.clear()
        with count_queries() as queries:
            get(client, "/threads/")
        return len(queries)

    one = counted()
    for n, thread in enumerate(threads[1:], start=1):
        translate("thread", thread.id, "en", title=f"Title {n}", translator=world.translator)
    assert counted() == one
    client.post("/translations/reading", data={"mode": "off"})
    get(client, "/threads/")  # the switch's message shown
    # Reading as written: no titles to look up (the reader's languages come with the
    # header's counts, cop.headercounts, one query either way).
    assert counted() == one - 1


def test_search_results_show_a_found_threads_title_in_the_readers_language(client, world, reader):
    title_translated(world)
    html = get(client, "/search/", q="Συνεταιρισμοί")
    assert "Title in" in html
    assert f'<span lang="en" dir="auto">{ENGLISH_TITLE}</span>' in html
    client.post("/translations/reading", data={"mode": "off"})
    html = get(client, "/search/", q="Συνεταιρισμοί")
    assert "search-hit-thread" in html and ENGLISH_TITLE not in html


def test_search_results_keep_the_titles_as_written_for_visitors(client, world):
    title_translated(world)
    html = get(client, "/search/", q="Συνεταιρισμοί")
    assert ENGLISH_TITLE not in html
