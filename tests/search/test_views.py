"""The search page: header box, tabs with counts, highlighted snippets, filters, pages,
tips for empty or junk queries, and a fixed number of queries per page."""

from __future__ import annotations

import pytest

from cop.members.models import Role
from cop.resources.models import ResourceType
from tests.corpora import naughty_sample


def page(client, **args) -> str:
    response = client.get("/search/", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_page_has_a_labelled_search_box_in_the_header(client):
    html = client.get("/").get_data(as_text=True)
    assert 'role="search"' in html and 'id="header-search-q"' in html
    assert '<label for="header-search-q"' in html


@pytest.mark.parametrize("query", ["", "   ", "!!!", "«»", '""', "%", "*", "()"])
def test_empty_or_junk_queries_get_tips_not_an_error(client, query):
    html = page(client, q=query)
    assert "Tips for searching" in html


def test_matching_words_are_highlighted_in_the_snippet(client, start_thread):
    start_thread("Cooperativa de cuidados", "La cooperativa y el ayuntamiento", language="es")
    html = page(client, q="cooperativas")
    assert "<mark>Cooperativa</mark> de cuidados" in html
    assert "La <mark>cooperativa</mark> y el ayuntamiento" in html


def test_arabic_matches_are_highlighted_as_written(client, start_thread):
    start_thread("الاقتصاد التَّضَامُنِيّ", "نص عن الاقتصاد التضامني", language="ar")
    html = page(client, q="التضامني")
    assert "<mark>التَّضَامُنِيّ</mark>" in html
    assert 'lang="ar"' in html and 'dir="auto"' in html


@pytest.mark.parametrize("naughty", naughty_sample(12))
def test_naughty_content_and_queries_are_escaped(client, start_thread, naughty):
    start_thread(f"Economía {naughty}"[:150], f"Economía social {naughty}", language="es")
    html = page(client, q=f"economia {naughty}")
    assert "<script>alert" not in html
    html = page(client, q="economia")
    assert "<script>alert" not in html and "<mark>Economía</mark>" in html


def test_tabs_show_counts_and_link_to_each_kind(client, start_thread, reply, share_resource):
    thread = start_thread("Monedas complementarias", "Primer mensaje", language="es")
    reply(thread, "Otra moneda local", language="es")
    reply(thread, "La moneda social del barrio", language="es")
    share_resource("Guía de monedas", "Para talleres", language="es")
    html = page(client, q="moneda")
    assert 'kind=thread" aria-current="page"' in html
    assert 'kind=post">Replies <span class="count">2</span>' in html
    assert 'kind=resource">Resources <span class="count">1</span>' in html
    html = page(client, q="moneda", kind="post")
    assert html.count('class="search-hit search-hit-post"') == 2


def test_filters_narrow_the_results(
    client, start_thread, share_resource, make_member, make_category
):
    table = make_category()
    spain = make_member(country="ES")
    start_thread("Economía social", "Texto", language="es", author=spain, category=table)
    start_thread("Économie sociale", "Texte", language="fr", author=make_member(country="TN"))
    share_resource("Economia social guia", "Texto", language="pt", type=ResourceType.CASE_STUDY)
    assert page(client, q="social", language="fr").count("search-hit-thread") == 1
    assert "Économie <mark>sociale</mark>" in page(client, q="social", language="fr")
    assert "Economía <mark>social</mark>" in page(client, q="social", country="ES")
    assert "Économie" not in page(client, q="social", table=str(table.id))
    html = page(client, q="social", kind="resource", type="case_study")
    assert "guia" in html
    assert "search-hit" not in page(client, q="social", kind="resource", type="toolkit")
    assert "search-hit" not in page(client, q="social", **{"from": "2999-01-01"})
    assert "search-hit-thread" in page(client, q="social", to="2999-01-01")


@pytest.mark.parametrize(
    "args",
    [
        {"kind": "nonsense"},
        {"table": "abc"},
        {"table": "99999999999999"},
        {"language": "xx"},
        {"country": "<b>"},
        {"type": "nope"},
        {"from": "yesterday"},
        {"to": "2024-13-45"},
        {"page": "-3"},
        {"page": "999"},
        {"page": "x"},
    ],
)
def test_bad_filter_values_are_ignored_not_errors(client, start_thread, args):
    start_thread("Economía social", "Texto", language="es")
    page(client, q="social", **args)


def test_results_are_paginated(client, app, start_thread, make_category):
    table = make_category()
    for n in range(23):
        start_thread(f"Taller de formación {n}", "Texto", language="es", category=table)
    first = page(client, q="taller")
    assert first.count("search-hit-thread") == 20 and 'rel="next"' in first
    second = page(client, q="taller", page=2)
    assert second.count("search-hit-thread") == 3


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.MODERATOR])
def test_hidden_threads_are_shown_to_nobody(client, login, make_member, start_thread, db, role):
    from cop import signals

    thread = start_thread("Taller oculto", "Texto", language="es")
    thread.is_hidden = True
    signals.content_hidden.send(thread, actor=thread.author, reason="")
    db.session.commit()
    if role:
        login(make_member(role=role))
    assert "search-hit" not in page(client, q="oculto")


def test_a_page_runs_a_fixed_number_of_queries(
    client, start_thread, reply, count_queries, login, make_member
):
    login(make_member())
    thread = start_thread("Monedas sociales", "Primer mensaje", language="es")
    reply(thread, "Otra moneda", language="es")
    with count_queries() as few:
        page(client, q="moneda")
    for n in range(15):
        start_thread(f"Monedas del barrio {n}", "Moneda local", language="es")
        reply(thread, f"Moneda número {n}", language="es")
    with count_queries() as many:
        page(client, q="moneda")
    with count_queries() as replies:
        page(client, q="moneda", kind="post")
    assert len(few) == len(many) == len(replies)


def test_a_page_past_the_last_shows_the_last_page(client, start_thread, make_category):
    table = make_category()
    for n in range(23):
        start_thread(f"Taller de formación {n}", "Texto", language="es", category=table)
    html = page(client, q="taller", page=99)
    assert html.count("search-hit-thread") == 3 and 'rel="prev"' in html


def test_pages_continue_the_ranking_without_gaps_or_repeats(db, start_thread, make_category):
    from cop.search.query import SearchFilters, parse_query
    from cop.search.results import search

    table = make_category()
    for n in range(12):
        body = "Texto " + "taller " * (n % 4 + 1)
        start_thread(
            f"Taller {n}" if n % 3 else f"Encuentro {n}", body, language="es", category=table
        )
    query, filters = parse_query("taller"), SearchFilters()
    everything = search(query, filters, signed_in=True, per_page=50).hits
    pages = [search(query, filters, signed_in=True, page=n, per_page=5).hits for n in (1, 2, 3)]
    assert [h.object_id for p in pages for h in p] == [h.object_id for h in everything]
    assert (
        len(everything) == 12 and everything[0].is_title_match and not everything[-1].is_title_match
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_a_new_thread_is_found_right_after_the_same_search_came_back_empty(
    client, login, make_member, start_thread, signed_in
):
    # The results of an address are cached (cop.fragments, cop.pagecache) until the
    # content version moves: a new thread moves it.
    if signed_in:
        login(make_member())
    assert "Nothing found" in page(client, q="moedas complementares")
    start_thread("Moedas complementares no Algarve", "Uma moeda local", language="pt")
    html = page(client, q="moedas complementares")
    assert "Nothing found" not in html and "Algarve" in html
