"""The pages of this lane cost a fixed number of queries, however many translations
they show: the queue (its originals loaded once per kind) and search's Translations tab."""

from __future__ import annotations

from cop.extensions import cache
from cop.members.models import Role
from cop.moderation import reports
from tests.translations import moderation_fixtures as fixtures

make_category = fixtures.make_category
make_resource = fixtures.make_resource
make_thread = fixtures.make_thread
translate = fixtures.translate


def _translated_and_reported(db, make_member, make_thread, make_resource, translate, n):
    """n translations each of a post, a thread's title and a resource, each reported."""
    from cop.threads.queries import opening_post

    for i in range(n):
        thread = make_thread(title=f"Cooperatives {i}")
        made = (
            translate(opening_post(thread), "fr", translator=make_member(), body="Coopératives"),
            translate(thread, "es", translator=make_member(), title=f"Cooperativas {i}"),
            translate(make_resource(), "el", translator=make_member(), title="Συνεταιρισμοί"),
        )
        for translation in made:
            reports.report_content(translation, reporter=make_member(), reason="spam")
    db.session.commit()


def _count(client, count_queries, path: str) -> int:
    assert client.get(path).status_code == 200
    cache.clear()
    with count_queries() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_queue_of_translations_costs_the_same_for_3_or_12_reports(
    db, client, login, make_member, make_thread, make_resource, translate, count_queries
):
    login(make_member(role=Role.MODERATOR))
    _translated_and_reported(db, make_member, make_thread, make_resource, translate, 1)
    small = _count(client, count_queries, "/moderation/?kind=translation")
    _translated_and_reported(db, make_member, make_thread, make_resource, translate, 3)
    assert _count(client, count_queries, "/moderation/?kind=translation") == small


def test_the_translations_tab_costs_the_same_for_few_or_many_results(
    db, client, no_page_cache, make_member, make_thread, make_resource, translate, count_queries
):
    _translated_and_reported(db, make_member, make_thread, make_resource, translate, 1)
    path = "/search/?q=cooperativas&kind=translation"
    small = _count(client, count_queries, path)
    _translated_and_reported(db, make_member, make_thread, make_resource, translate, 4)
    assert _count(client, count_queries, path) == small
    assert (
        client.get(path).get_data(as_text=True).count("Found in a translation") == 10
    )  # fr and es
