"""The "Waiting for an answer" page and the moderators' page per language, through the
test client: who sees what, the language filter, paging, caching, hostile input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cop.members.models import Role
from cop.moderation import sanctions
from cop.waiting.queries import WAITING_PER_PAGE
from tests.conftest import PASSWORD
from tests.corpora import naughty_sample


def _page(client, path="/waiting/", **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_a_visitor_sees_the_threads_waiting_in_the_interface_language(client, make_thread):
    make_thread(title="Una pregunta sin respuesta", language="es")
    make_thread(title="Ερώτηση χωρίς απάντηση", language="el")
    html = _page(client, **{"Accept-Language": "es"})
    assert "Una pregunta sin respuesta" in html
    assert "Ερώτηση χωρίς απάντηση" not in html
    html = _page(client, **{"Accept-Language": "el"})
    assert "Ερώτηση χωρίς απάντηση" in html and "Una pregunta" not in html


def test_a_member_sees_their_interface_and_profile_languages_oldest_first(
    db, client, login, make_member, make_thread, reads
):
    reader = reads(make_member(locale="fr"), "ar")
    old = make_thread(title="سؤال قديم", language="ar")
    make_thread(title="Question récente", language="fr")
    make_thread(title="A question in English", language="en")
    old.created_at -= timedelta(days=40)
    db.session.commit()
    login(reader)
    html = _page(client)
    assert html.index("سؤال قديم") < html.index("Question récente")
    assert "A question in English" not in html
    assert 'lang="ar" dir="auto"' in html  # the title keeps its own direction


def test_answered_threads_are_not_listed(client, make_member, make_thread, reply):
    reply(make_thread(title="Answered already"), make_member())
    make_thread(title="Still waiting here")
    html = _page(client)
    assert "Still waiting here" in html and "Answered already" not in html


def test_the_language_filter_shows_one_language(client, make_thread):
    make_thread(title="Em português", language="pt")
    make_thread(title="In English please", language="en")
    html = _page(client, "/waiting/?language=pt")
    assert "Em português" in html and "In English please" not in html
    assert '<option value="pt" lang="pt" selected>' in html


def test_an_unknown_language_or_page_shows_the_readers_languages(client, make_thread):
    make_thread(title="Still shown")
    for value in ("xx", "", "EN", "../en", *naughty_sample(8)):
        response = client.get("/waiting/", query_string={"language": value, "page": value})
        assert response.status_code == 200, value
        assert "Still shown" in response.get_data(as_text=True)


def test_the_list_is_paginated(db, client, make_member, make_thread):
    author = make_member()
    for n in range(WAITING_PER_PAGE + 2):
        make_thread(author=author, title=f"Waiting number {n:02d}")
    first = _page(client)
    assert "Waiting number 00" in first and "Waiting number 31" not in first
    second = _page(client, "/waiting/?page=2")
    assert "Waiting number 31" in second and "Waiting number 00" not in second
    assert "Waiting number 31" in _page(client, "/waiting/?page=99")  # the last page


def test_an_empty_list_says_so(client):
    assert "No thread is waiting for an answer in these languages." in _page(client)


def test_the_menu_and_the_home_page_link_to_it(client, login, make_member):
    assert 'href="/waiting/"' in _page(client, "/")
    login(make_member())
    assert _page(client, "/").count('href="/waiting/"') == 2


def test_a_visitors_page_is_kept_per_language_and_a_members_never(
    app, db, client, login, make_member, make_thread, reads, monkeypatch
):
    monkeypatch.setitem(app.config, "PAGE_CACHE_SECONDS", 60)
    make_thread(title="Pregunta", language="es")
    assert "Pregunta" in _page(client, **{"Accept-Language": "es"})
    assert "Pregunta" not in _page(client, **{"Accept-Language": "el"})
    greek = reads(make_member(locale="en"), "el")
    spanish = reads(make_member(locale="en"), "es")
    login(greek)
    assert "Pregunta" not in _page(client)
    other = app.test_client()
    other.post("/auth/sign-in", data={"email": spanish.email, "password": PASSWORD})
    assert "Pregunta" in _page(other)


# The moderators' page


def _actor(kind, make_member, db):
    if kind == "anonymous":
        return None
    role = {"member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}
    member = make_member(role=role[kind.removeprefix("suspended ")])
    if kind.startswith("suspended"):
        sanctions.suspend_member(
            member,
            moderator=make_member(role=Role.ADMIN),
            until=datetime.now(UTC) + timedelta(days=3),
            reason="Pause",
        )
        db.session.commit()
    return member


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("suspended moderator", 403),
        ("moderator", 200),
        ("admin", 200),
    ],
)
def test_only_moderators_see_the_waits_per_language(
    db, client, login, make_member, make_thread, actor, status
):
    make_thread(title="سؤال ينتظر", language="ar")
    member = _actor(actor, make_member, db)
    if member is not None:
        login(member)
    response = client.get("/waiting/languages")
    assert response.status_code == status
    if status == 200:
        assert "سؤال ينتظر" in response.get_data(as_text=True)


def test_the_moderators_page_counts_per_language_and_lists_the_one_chosen(
    db, client, login, make_member, make_thread
):
    for title in ("Πρώτη", "Δεύτερη"):
        make_thread(title=title, language="el")
    make_thread(title="Seule en français", language="fr")
    login(make_member(role=Role.MODERATOR))
    html = _page(client, "/waiting/languages")
    assert html.index("Greek") < html.index("French")
    assert "Πρώτη" in html and "Seule en français" not in html  # the most waiting first
    html = _page(client, "/waiting/languages?language=fr")
    assert "Seule en français" in html and "Πρώτη" not in html
    assert "/waiting/languages?language=el#waiting-list" in html


def test_the_moderators_page_takes_any_language_value(db, client, login, make_member):
    login(make_member(role=Role.MODERATOR))
    for value in ("zz", "", *naughty_sample(8)):
        query = {"language": value, "page": value}
        response = client.get("/waiting/languages", query_string=query)
        assert response.status_code == 200, value
        assert "No thread is waiting for an answer." in response.get_data(as_text=True)
