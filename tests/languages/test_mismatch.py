"""A text that looks like another language than the one chosen comes back with a notice,
nothing written, everything typed kept; the writer's answer writes it as they say."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from cop.members.models import Member
from cop.resources.models import Resource
from cop.threads import queries
from cop.threads.models import Post, Thread
from tests.languages.conftest import GREEK_BODY, GREEK_TITLE, SPANISH_BODY, SPANISH_TITLE
from tests.resources.conftest import PDF, file_part, share_data

NOTICE = "This looks like Greek, but you chose Spanish."


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _selected(page: str, name: str) -> str | None:
    select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    option = re.search(
        r'<option[^>]*selected[^>]*value="(\w+)"|<option[^>]*value="(\w+)"[^>]*selected',
        select_html.group(1),
    )
    return (option.group(1) or option.group(2)) if option else None


def _asks(page: str, chosen: str = "es", guessed: str = "el") -> None:
    assert NOTICE in page
    assert f'name="language_choice" value="{chosen}"' in page
    assert f'name="language_choice" value="{guessed}"' in page
    assert "Keep Spanish" in page and "Mark it as Greek" in page


def _new_thread(client, table, **fields):
    data = {
        "category": str(table.id),
        "title": GREEK_TITLE,
        "body": GREEK_BODY,
        "language": "es",
        "client_token": "token-1",
    }
    data.update(fields)
    return client.post("/threads/new", data=data)


# A new thread


def test_a_greek_thread_marked_spanish_comes_back_with_the_notice(
    client, writer, make_category, db
):
    response = _new_thread(client, make_category())
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    _asks(page)
    assert _count(db, Thread) == 0 and _count(db, Post) == 0
    assert f'value="{GREEK_TITLE}"' in page
    assert GREEK_BODY in page
    assert _selected(page, "language") == "es"  # the writer's choice stays selected


@pytest.mark.parametrize("choice", ["es", "el"])
def test_the_writers_answer_writes_the_thread_in_that_language(
    client, writer, make_category, db, choice
):
    response = _new_thread(client, make_category(), language_choice=choice)
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.title == GREEK_TITLE
    assert thread.language == choice
    assert queries.opening_post(thread).language == choice


def test_a_thread_in_the_language_chosen_is_written_at_once(client, writer, make_category, db):
    response = _new_thread(client, make_category(), language="el")
    assert response.status_code == 302
    assert db.session.scalar(select(Thread)).language == "el"


def test_a_short_text_gets_no_notice(client, writer, make_category, db):
    response = _new_thread(
        client, make_category(), title="Porto 2026", body="OK, +1", language="fr"
    )
    assert response.status_code == 302


def test_an_unknown_answer_asks_again(client, writer, make_category, db):
    response = _new_thread(client, make_category(), language_choice="xx")
    assert response.status_code == 200
    _asks(response.get_data(as_text=True))
    assert _count(db, Thread) == 0


def test_the_preview_says_it_without_asking(client, writer, make_category, db):
    response = _new_thread(client, make_category(), preview="1")
    page = response.get_data(as_text=True)
    assert NOTICE in page
    assert 'name="language_choice"' not in page
    assert _count(db, Thread) == 0


def test_the_check_can_be_turned_off(client, writer, make_category, db, app, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGE_CHECK", False)
    assert _new_thread(client, make_category()).status_code == 302


def test_the_notice_is_in_the_interface_language(client, login, make_member, make_category, db):
    login(make_member(locale="fr"))
    page = _new_thread(client, make_category()).get_data(as_text=True)
    assert "Ce texte semble être en grec, et non en espagnol comme vous l’avez indiqué." in page
    assert "Passer en grec" in page and "Laisser en espagnol" in page


# A reply


def test_a_reply_comes_back_with_the_notice_then_is_written(client, writer, make_thread, db):
    thread = make_thread()
    data = {"body": SPANISH_BODY, "language": "el", "client_token": "t-1"}
    response = client.post(f"/threads/{thread.id}/reply", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This looks like Spanish, but you chose Greek." in page
    assert SPANISH_BODY in page
    assert _count(db, Post) == 1
    response = client.post(f"/threads/{thread.id}/reply", data={**data, "language_choice": "es"})
    assert response.status_code == 302
    reply = db.session.scalar(select(Post).where(Post.position == 2))
    assert (reply.body_source, reply.language) == (SPANISH_BODY, "es")


def test_the_reply_form_defaults_to_the_interface_language(client, login, make_member, make_thread):
    member = make_member(locale="en")
    login(member)
    thread = make_thread()
    with client.session_transaction() as session:
        session["locale"] = "pt"
    page = client.get(f"/threads/{thread.id}/reply").get_data(as_text=True)
    assert _selected(page, "language") == "pt"


# Editing a post


def test_an_edit_comes_back_with_the_notice_and_keeps_the_post(client, writer, make_thread, db):
    thread = make_thread(author=writer, title="Housing policy", body="Some words", language="en")
    post = queries.opening_post(thread)
    data = {"title": SPANISH_TITLE, "body": SPANISH_BODY, "language": "en"}
    response = client.post(f"/threads/posts/{post.id}/edit", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This looks like Spanish, but you chose English." in page
    assert SPANISH_BODY in page
    db.session.refresh(post)
    assert post.body_source == "Some words"
    response = client.post(f"/threads/posts/{post.id}/edit", data={**data, "language_choice": "es"})
    assert response.status_code == 302
    db.session.refresh(post)
    db.session.refresh(thread)
    assert (post.body_source, post.language, thread.language) == (SPANISH_BODY, "es", "es")
    assert thread.title == SPANISH_TITLE


# Resources


def test_sharing_comes_back_with_the_notice_and_keeps_the_file(client, writer, db):
    data = share_data(title=GREEK_TITLE, description=GREEK_BODY, original_language="es")
    response = client.post(
        "/resources/share",
        data={**data, "file": file_part(PDF)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    _asks(page)
    assert _count(db, Resource) == 0
    kept = re.search(
        r'name="kept_file" type="hidden" value="([^"]+)"|name="kept_file" value="([^"]+)"', page
    )
    assert kept, "the uploaded file is kept for the answer"
    token = kept.group(1) or kept.group(2)
    response = client.post(
        "/resources/share",
        data={**data, "kept_file": token, "language_choice": "el"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    resource = db.session.scalar(select(Resource))
    assert resource.original_language == "el"
    assert len(resource.files) == 1


def test_editing_a_resource_comes_back_with_the_notice(client, writer, make_resource, db):
    resource = make_resource(sharer=writer, title="A handbook", original_language="en")
    data = share_data(title=SPANISH_TITLE, description=SPANISH_BODY, original_language="en")
    response = client.post(f"/resources/{resource.id}/edit", data=data)
    assert response.status_code == 200
    assert "This looks like Spanish, but you chose English." in response.get_data(as_text=True)
    db.session.refresh(resource)
    assert resource.title == "A handbook"
    response = client.post(f"/resources/{resource.id}/edit", data={**data, "language_choice": "en"})
    assert response.status_code == 302
    db.session.refresh(resource)
    assert (resource.title, resource.original_language) == (SPANISH_TITLE, "en")


# A profile bio

PROFILE = {"display_name": "Eleni Papadaki", "country": "GR", "visibility": "public"}


def test_a_bio_carries_its_language_and_the_profile_shows_it(client, writer, db):
    data = {**PROFILE, "bio": GREEK_BODY, "bio_language": "el"}
    assert client.post("/members/settings/profile", data=data).status_code == 302
    db.session.expire_all()
    member = db.session.get(Member, writer.id)
    assert member.bio_language == "el"
    page = client.get(f"/members/{member.handle}").get_data(as_text=True)
    assert re.search(r'<div class="prose" dir="auto" lang="el">', page)


def test_a_bio_in_another_language_comes_back_with_the_notice(client, writer, db):
    data = {**PROFILE, "bio": GREEK_BODY, "bio_language": "es"}
    response = client.post("/members/settings/profile", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    _asks(page)
    assert GREEK_BODY in page
    db.session.expire_all()
    assert db.session.get(Member, writer.id).bio == ""
    response = client.post("/members/settings/profile", data={**data, "language_choice": "es"})
    assert response.status_code == 302
    db.session.expire_all()
    member = db.session.get(Member, writer.id)
    assert (member.bio, member.bio_language) == (GREEK_BODY, "es")


def test_a_profile_form_without_the_bio_language_uses_the_interface_language(client, writer, db):
    response = client.post("/members/settings/profile", data={**PROFILE, "bio": "Short bio."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, writer.id).bio_language == "en"


def test_an_unknown_bio_language_is_refused_with_the_text_kept(client, writer, db):
    response = client.post(
        "/members/settings/profile", data={**PROFILE, "bio": "My words.", "bio_language": "xx"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose one of the languages in the list." in page
    assert "My words." in page


def test_an_empty_bio_has_no_language(client, writer, db):
    client.post("/members/settings/profile", data={**PROFILE, "bio": "", "bio_language": "fr"})
    db.session.expire_all()
    assert db.session.get(Member, writer.id).bio_language is None


# The live preview (threads.js) carries the notice in a header


def test_the_live_preview_carries_the_notice(client, writer):
    from urllib.parse import unquote

    response = client.post("/threads/preview", data={"body": GREEK_BODY, "language": "es"})
    assert response.status_code == 200
    assert unquote(response.headers["X-Language-Notice"]) == NOTICE
    matching = client.post("/threads/preview", data={"body": GREEK_BODY, "language": "el"})
    assert "X-Language-Notice" not in matching.headers
    unknown = client.post("/threads/preview", data={"body": GREEK_BODY, "language": "xx"})
    assert "X-Language-Notice" not in unknown.headers


# Cost and hostile input


def test_the_notice_costs_no_query_more_than_a_refused_form(
    client, writer, make_thread, count_queries
):
    thread = make_thread()
    url = f"/threads/{thread.id}/reply"
    client.post(url, data={"body": "", "language": "el"})  # warm: the detector is loaded
    with count_queries() as refused:
        assert client.post(url, data={"body": "", "language": "el"}).status_code == 422
    with count_queries() as noticed:
        response = client.post(url, data={"body": SPANISH_BODY, "language": "el"})
    assert response.status_code == 200
    assert len(noticed) <= len(refused) + 2


def test_naughty_strings_in_every_checked_form_never_break_it(client, writer, make_thread, db):
    from tests.corpora import naughty_sample

    thread = make_thread(author=writer)
    post = queries.opening_post(thread)
    for text in naughty_sample(step=25):
        for url, data in (
            (f"/threads/{thread.id}/reply", {"body": text, "language": "es"}),
            (
                f"/threads/posts/{post.id}/edit",
                {"title": text[:100], "body": text, "language": "ar"},
            ),
            ("/members/settings/profile", {**PROFILE, "bio": text, "bio_language": "el"}),
            ("/threads/preview", {"body": text, "language": "fr", "title": text}),
        ):
            data = {**data, "client_token": str(abs(hash((url, text))))}
            assert client.post(url, data=data).status_code in (200, 302, 409, 422), (url, text)
