"""The library page: filters, sorts, pages, and a fixed number of queries."""

from __future__ import annotations

import re

import pytest

from cop.extensions import cache
from cop.resources import samples
from cop.resources.models import ResourceType
from tests.resources.conftest import PDF


def titles(client, query: str = "") -> list[str]:
    page = client.get("/resources/" + query).get_data(as_text=True)
    return re.findall(r'<h2><a href="/resources/\d+"[^>]*>([^<]+)</a></h2>', page)


@pytest.fixture
def library(db, make_member, make_resource):
    sharer = make_member()
    a = make_resource(
        sharer=sharer,
        title="Alpha toolkit",
        type=ResourceType.TOOLKIT,
        country="ES",
        tags=["procurement"],
        files=[("es", PDF, "a.pdf")],
        original_language="es",
    )
    b = make_resource(
        sharer=sharer,
        title="beta brief",
        type=ResourceType.POLICY_BRIEF,
        country="TN",
        tags=["Co-production", "procurement"],
        files=[("fr", samples.pdf(["b"]), "b.pdf"), ("ar", samples.pdf(["ب"]), "ب.pdf")],
        original_language="fr",
    )
    c = make_resource(
        sharer=sharer,
        title="Gamma report",
        type=ResourceType.RESEARCH_REPORT,
        country="GR",
        tags=["co-production"],
        files=[("el", samples.pdf(["c"]), "c.pdf")],
        original_language="el",
    )
    b.download_count, c.download_count = 5, 2
    db.session.commit()
    return a, b, c


def test_newest_first_by_default(client, library):
    assert titles(client) == ["Gamma report", "beta brief", "Alpha toolkit"]


def test_sorted_by_downloads_and_by_title(client, library):
    assert titles(client, "?sort=downloads") == ["beta brief", "Gamma report", "Alpha toolkit"]
    assert titles(client, "?sort=title") == ["Alpha toolkit", "beta brief", "Gamma report"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=policy_brief", ["beta brief"]),
        ("?language=ar", ["beta brief"]),
        ("?language=el", ["Gamma report"]),
        ("?country=ES", ["Alpha toolkit"]),
        ("?tag=co-production", ["Gamma report", "beta brief"]),
        ("?tag=CO-PRODUCTION&country=TN", ["beta brief"]),
        ("?q=gamma", ["Gamma report"]),
        ("?q=%25", []),
        ("?type=nonsense&language=xx&sort=evil", ["Gamma report", "beta brief", "Alpha toolkit"]),
    ],
)
def test_filters(client, library, query, expected):
    assert titles(client, query) == expected


def test_removed_resources_are_not_listed(client, db, library, moderator):
    from cop.resources import services

    services.remove_resource(library[0], moderator=moderator)
    db.session.commit()
    assert "Alpha toolkit" not in titles(client)


def test_pages(app, client, library, monkeypatch):
    monkeypatch.setitem(app.config, "RESOURCES_PER_PAGE", 2)
    assert titles(client, "?page=1") == ["Gamma report", "beta brief"]
    assert titles(client, "?page=2") == ["Alpha toolkit"]
    assert client.get("/resources/?page=9&sort=title").location.endswith("?page=2&sort=title")
    page = client.get("/resources/?page=1&sort=newest").get_data(as_text=True)
    assert 'href="/resources/?page=2&amp;sort=newest"' in page


def test_the_list_shows_languages_format_size_and_licence(client, library):
    page = client.get("/resources/").get_data(as_text=True)
    # Languages by name in the reader's language, the code kept machine-readable.
    assert '<data class="language-tag" value="ar">Arabic</data>' in page and ">AR<" not in page
    assert "PDF" in page
    assert "Creative Commons Attribution 4.0" in page
    assert "5 downloads" in page


def test_the_list_runs_a_fixed_number_of_queries(
    client, db, make_member, make_resource, count_queries, no_page_cache
):
    sharer = make_member()
    make_resource(sharer=sharer, tags=["x"])
    client.get("/resources/")
    cache.clear()  # counted as rendered, not from the cached regions
    with count_queries() as few:
        client.get("/resources/")
    for n in range(5):
        make_resource(
            sharer=make_member(),
            tags=[f"t{n}", "y"],
            files=[("en", PDF, "a.pdf"), ("es", PDF, "b.pdf")],
        )
    with count_queries() as many:
        client.get("/resources/")
    assert len(many) == len(few)


def test_the_resource_page_runs_a_fixed_number_of_queries(
    client, db, make_member, make_resource, count_queries, no_page_cache
):
    small = make_resource(tags=["x"])
    big = make_resource(
        tags=["a", "b", "c"],
        files=[
            (lang, samples.pdf([lang, str(v)]), f"{lang}.pdf")
            for lang in ("en", "es", "ar")
            for v in (1, 2)
        ],
    )
    small_url, big_url = f"/resources/{small.id}", f"/resources/{big.id}"
    client.get(small_url)
    with count_queries() as few:
        client.get(small_url)
    with count_queries() as many:
        client.get(big_url)
    assert len(many) == len(few)


def test_a_topic_outside_the_top_list_stays_selected(client, library):
    page = client.get("/resources/?tag=Unheard-of").get_data(as_text=True)
    assert '<option value="unheard-of" selected>Unheard-of</option>' in page
    assert "No resource matches these filters." in page
