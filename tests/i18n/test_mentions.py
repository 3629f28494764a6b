"""@mentions find members however their handle is written: accents, case, Greek final
sigma, Arabic short vowels and letter forms, as search folds them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.members.handles import base_handle, handle_key, handle_like
from cop.threads import rendering
from cop.threads.models import Mention
from tests.threads import conftest as discussions

make_category = discussions.make_category
make_thread = discussions.make_thread


@pytest.fixture
def people(make_member):
    return {
        "maria": make_member(display_name="Μαρία Κωνσταντίνου"),
        "omar": make_member(display_name="عُمر الخطيب"),
        "ines": make_member(display_name="Inês Carvalho"),
        "nikos": make_member(display_name="Νίκος Παπαδόπουλος"),
        "ahmad": make_member(display_name="أحمد سالم"),
    }


def test_handles_of_accented_greek_and_arabic_names_exist_without_marks():
    assert base_handle("Μαρία Κωνσταντίνου") == "μαρια_κωνσταντινου"
    assert base_handle("عُمر الخطيب") == "عمر_الخطيب"
    assert base_handle("Inês Carvalho") == "ines_carvalho"
    assert base_handle("Νίκος Παπαδόπουλος") == "νικος_παπαδοπουλος"  # still reads right


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("μαρία_κωνσταντίνου", "μαρια_κωνσταντινου"),
        ("ΜΑΡΊΑ_Κωνσταντίνου", "μαρια_κωνσταντινου"),
        ("عُمر_الخطيب", "عمر_الخطيب"),
        ("عـمر_الخطيب", "عمر_الخطيب"),  # tatweel
        ("inês_carvalho", "ines_carvalho"),
        ("νικοσ_παπαδοπουλοσ", "νικος_παπαδοπουλος"),  # final sigma written as σ
        ("احمد_سالم", "أحمد_سالم"),  # alef without hamza
    ],
)
def test_a_handle_as_written_and_as_stored_share_one_key(written, stored):
    assert handle_key(written) == handle_key(stored)


def test_the_like_pattern_escapes_wildcards_and_opens_letter_variants():
    assert handle_like("a_b%") == "a\\_b\\%"
    assert handle_like(handle_key("أحمد")) == "_حمد"


def test_mentions_in_any_spelling_reach_the_members_and_link_their_profiles(
    db, people, make_thread
):
    body = (
        "@μαρία_κωνσταντίνου @عُمر_الخطيب @inês_carvalho @ΝΊΚΟΣ_ΠΑΠΑΔΌΠΟΥΛΟΣ @احمد_سالم @nobody_here"
    )
    thread = make_thread(body=body)
    mentioned = set(db.session.scalars(select(Mention.member_id)))
    assert mentioned == {m.id for m in people.values()}
    html = rendering.render_preview(body)
    for member in people.values():
        assert f'href="/members/{_quoted(member.handle)}"' in html, member.handle
    assert "@nobody_here" in html and html.count('class="mention"') == 5
    assert thread.id


def test_the_preview_names_the_handles_that_match_nobody(db, people, make_thread):
    html, unmatched = rendering.preview_post("Hi @inês_carvalho, @nadie_aqui and @لا_أحد")
    assert unmatched == ["nadie_aqui", "لا_أحد"]
    assert 'class="mention"' in html and "@nadie_aqui" in html


def test_the_reply_preview_tells_the_writer_which_mentions_match_nobody(
    client, login, people, make_member, make_thread
):
    thread = make_thread()
    login(make_member())
    page = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "Thanks @inês_carvalho and @nadie_aqui", "preview": "1", "language": "en"},
    ).get_data(as_text=True)
    assert "Nobody has the handle <bdi>@nadie_aqui</bdi>" in page
    assert "<bdi>@inês_carvalho</bdi>" not in page


def test_the_live_preview_carries_the_same_notice_in_the_writers_language(
    client, login, people, make_member
):
    login(make_member(locale="es"))
    html = client.post("/threads/preview", data={"body": "@nadie @tampoco"}).get_data(as_text=True)
    assert "<bdi>@nadie</bdi> y <bdi>@tampoco</bdi>" in html  # the list in Spanish
    assert "Nadie tiene los nombres de usuario" in html


def test_a_mention_of_nobody_publishes_as_plain_text_without_error(
    client, login, make_member, make_thread
):
    thread = make_thread()
    login(make_member())
    response = client.post(
        f"/threads/{thread.id}/reply", data={"body": "Hola @nadie_aqui", "language": "es"}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "<p>Hola @nadie_aqui</p>" in page


def _quoted(handle: str) -> str:
    from urllib.parse import quote

    return quote(handle)
