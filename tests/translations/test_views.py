"""Members' translations through the pages: add, read, improve, remove, and the line
under each original."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.extensions import db as _db
from cop.threads import services as thread_services
from cop.translations.models import ContentTranslation
from tests.corpora import naughty_sample


def _count() -> int:
    return _db.session.scalar(select(func.count(ContentTranslation.id)))


def _add(client, kind, obj, **data):
    return client.post(f"/translations/{kind}/{obj.id}/new", data=data)


def test_a_member_translates_a_reply_and_the_thread_page_lists_it(client, login, scene):
    login(scene["translator"])
    form = client.get(f"/translations/post/{scene['reply'].id}/new?language=fr")
    assert form.status_code == 200
    page = form.get_data(as_text=True)
    assert '<option lang="fr" selected value="fr">' in page
    assert '<option lang="el"' not in page  # the original's own language is not offered
    assert "Γράψτε πρώτα το καταστατικό." in page  # the original beside the form
    response = _add(client, "post", scene["reply"], language="fr", body="Écrivez les **statuts**.")
    assert response.status_code == 302
    translation = _db.session.scalar(select(ContentTranslation))
    assert response.headers["Location"].endswith(f"/translations/{translation.id}")
    shown = client.get(f"/translations/{translation.id}").get_data(as_text=True)
    assert "<strong>statuts</strong>" in shown and "Translator" in shown
    assert 'lang="fr"' in shown
    thread_page = client.get(f"/threads/{scene['thread'].id}").get_data(as_text=True)
    assert f'href="/translations/{translation.id}"' in thread_page
    assert "outdated" not in thread_page


def test_the_thread_title_resource_and_table_get_their_line(
    client, login, scene, make_resource, make_category
):
    resource = make_resource(title="Un manual", description="Para *empezar*.")
    table = make_category()
    login(scene["translator"])
    for kind, obj, data in (
        ("thread", scene["thread"], {"title": "How do we start a cooperative?"}),
        ("resource", resource, {"title": "A handbook", "body": "To *start*."}),
        ("category", table, {"body": "About the table"}),
    ):
        language = "fr" if kind != "thread" else "en"
        response = _add(client, kind, obj, language=language, **data)
        assert response.status_code == 302, (kind, response.get_data(as_text=True))
    assert _count() == 3
    head = client.get(f"/threads/{scene['thread'].id}").get_data(as_text=True)
    assert head.count('class="translation-links"') >= 1
    assert 'hreflang="en"' in head
    assert 'hreflang="fr"' in client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert 'hreflang="fr"' in client.get(f"/threads/tables/{table.slug}").get_data(as_text=True)


def test_an_edited_original_marks_the_translation_outdated(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    thread_services.edit_post(scene["reply"], editor=scene["replier"], body="Νέες λέξεις εδώ.")
    _db.session.commit()
    login(scene["translator"])
    thread_page = client.get(f"/threads/{scene['thread'].id}").get_data(as_text=True)
    assert "mark-outdated" in thread_page
    shown = client.get(f"/translations/{translation.id}").get_data(as_text=True)
    assert "The original was edited after this translation was written." in shown
    assert f'href="/threads/posts/{scene["reply"].id}"' in shown


def test_an_existing_language_opens_its_edit_form(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    login(scene["translator"])
    response = client.get(f"/translations/post/{scene['reply'].id}/new?language=en")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/translations/{translation.id}/edit")


def test_a_second_member_adding_the_same_language_sees_the_first_and_keeps_their_text(
    client, login, scene, translate, make_member
):
    translate("post", scene["reply"], scene["translator"])
    login(make_member())
    response = _add(client, "post", scene["reply"], language="en", body="My own words here")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "There is a translation into English already" in page
    assert "My own words here" in page and "Write the statutes first." in page
    assert _count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"language": "xx", "body": "Words"}, "Choose one of the languages offered."),
        ({"language": "", "body": "Words"}, "Choose one of the languages offered."),
        ({"language": "el", "body": "Words"}, "The original is written in this language"),
        ({"language": "en", "body": ""}, "Write the translated text."),
        ({"language": "en", "body": "x" * 30_001}, "between 2 and 30000 characters"),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(client, login, scene, data, message):
    login(scene["translator"])
    response = _add(client, "post", scene["reply"], **data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    if data["body"]:
        assert data["body"][:100] in page
    assert _count() == 0


def test_errors_are_translated(client, login, scene, make_member):
    member = make_member(locale="es")
    login(member)
    response = _add(client, "post", scene["reply"], language="xx", body="Palabras")
    assert response.status_code == 422
    assert "Choose one of the languages offered." not in response.get_data(as_text=True)


def test_a_deleted_post_cannot_be_translated(client, login, scene):
    thread_services.delete_post(scene["reply"], actor=scene["replier"])
    _db.session.commit()
    login(scene["translator"])
    assert client.get(f"/translations/post/{scene['reply'].id}/new").status_code == 404
    response = _add(client, "post", scene["reply"], language="en", body="Words")
    assert response.status_code == 404
    assert _count() == 0


def test_hidden_originals_never_leak_through_a_translation(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    title = translate("thread", scene["thread"], scene["translator"], title="How to start")
    scene["reply"].is_hidden = True
    _db.session.commit()
    login(scene["translator"])
    for path in ("", "/history", "/edit", "/remove"):
        assert client.get(f"/translations/{translation.id}{path}").status_code == 404
    scene["thread"].is_pending = True
    _db.session.commit()
    assert client.get(f"/translations/{title.id}").status_code == 404
    assert client.get(f"/translations/post/{scene['opening'].id}/new").status_code == 404


def test_improving_and_the_history(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    login(scene["replier"])  # the original's author may improve it
    form = client.get(f"/translations/{translation.id}/edit")
    assert form.status_code == 200
    assert "Write the statutes first." in form.get_data(as_text=True)
    response = client.post(
        f"/translations/{translation.id}/edit",
        data={"body": "First write the statutes.", "version": translation.version},
    )
    assert response.status_code == 302
    history = client.get(f"/translations/{translation.id}/history").get_data(as_text=True)
    assert "First write the statutes." in history and "Write the statutes first." in history


def test_a_stale_edit_shows_both_versions(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    login(scene["replier"])
    stale = translation.version
    client.post(
        f"/translations/{translation.id}/edit", data={"body": "Saved first.", "version": stale}
    )
    response = client.post(
        f"/translations/{translation.id}/edit", data={"body": "Typed meanwhile.", "version": stale}
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Saved first." in page and "Typed meanwhile." in page


def test_removal_asks_first(client, login, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    login(scene["translator"])
    asked = client.post(f"/translations/{translation.id}/remove")
    assert asked.status_code == 200 and "Remove this translation?" in asked.get_data(as_text=True)
    assert _count() == 1
    done = client.post(f"/translations/{translation.id}/remove", data={"confirmed": "1"})
    assert done.status_code == 302
    assert _count() == 0


@pytest.mark.parametrize("text", naughty_sample(12))
def test_naughty_strings_are_stored_or_refused_never_a_500(client, login, scene, text):
    login(scene["translator"])
    for kind, obj, data in (
        ("post", scene["reply"], {"body": text}),
        ("thread", scene["thread"], {"title": text}),
    ):
        response = _add(client, kind, obj, language="en", **data)
        assert response.status_code in (302, 400, 409, 422), text
        if response.status_code == 302:
            page = client.get(response.headers["Location"])
            assert page.status_code == 200
            assert "<script>alert" not in page.get_data(as_text=True)
    assert client.get(f"/threads/{scene['thread'].id}").status_code == 200


def test_a_hidden_translation_never_shows_through_the_add_form(
    client, login, scene, translate, make_member
):
    translation = translate("post", scene["reply"], scene["translator"], body="Hidden words")
    translation.is_hidden = True
    _db.session.commit()
    login(make_member())
    assert client.get(f"/translations/{translation.id}").status_code == 404
    form = client.get(f"/translations/post/{scene['reply'].id}/new?language=en")
    assert form.status_code == 200 and "Hidden words" not in form.get_data(as_text=True)
    response = _add(client, "post", scene["reply"], language="en", body="My words")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Hidden words" not in page and "My words" in page
    assert f"/translations/{translation.id}" not in page


def test_a_translator_adding_a_language_they_translated_already_is_told_so(
    client, login, scene, translate
):
    translation = translate("post", scene["reply"], scene["translator"], body="Hidden words")
    translation.is_hidden = True
    _db.session.commit()
    login(scene["translator"])
    response = _add(client, "post", scene["reply"], language="en", body="My second try")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "You published a translation into this language already" in page
    assert "Someone published it before you" not in page and "My second try" in page
