"""A thread page in the reader's languages: posts in languages they do not read shown in
their interface language where a translation exists, labelled, outdated ones marked, a
per-post link back to the original, the switch remembered in the session."""

from __future__ import annotations

import re

import pytest

from cop.threads import services
from cop.threads.services import CategoryText, save_category
from tests.translations.reading_world import (
    ARABIC_BODY,
    ENGLISH_BODY,
    ENGLISH_REPLY,
    ENGLISH_TITLE,
    GREEK_BODY,
    GREEK_TITLE,
    build_world,
    speaks,
    touch,
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


def page(client, world, **args) -> str:
    args.setdefault("page", 1)
    response = client.get(f"/threads/{world.thread.id}", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def article(html: str, post_id: int) -> str:
    return re.search(rf'<article[^>]*id="post-{post_id}".*?</article>', html, re.S).group(0)


def translated(world, *, title=True, reply=True) -> None:
    translate(
        "post",
        world.opening.id,
        "en",
        body=ENGLISH_BODY,
        translator=world.translator,
        thread_id=world.thread.id,
    )
    if title:
        translate("thread", world.thread.id, "en", title=ENGLISH_TITLE, translator=world.translator)
    if reply:
        translate(
            "post",
            world.reply.id,
            "en",
            body=ENGLISH_REPLY,
            provider="LibreTranslate",
            thread_id=world.thread.id,
        )


@pytest.fixture
def reader(make_member, login):
    """A member reading in English who lists French on their profile: translated mode."""
    member = speaks(make_member(display_name="Reader", locale="en"), "en", "fr")
    login(member)
    return member


def test_a_member_who_lists_languages_reads_other_languages_translated(client, world, reader):
    translated(world)
    html = page(client, world)
    opening = article(html, world.opening.id)
    assert ENGLISH_BODY in opening and GREEK_BODY not in opening
    assert '<div class="post-body post-body-translated" lang="en" dir="auto">' in opening
    assert "Translated from" in opening and "Ana Translator" in opening
    assert 'value="el">Greek</data>' in opening
    assert f"original={world.opening.id}#post-{world.opening.id}" in opening
    reply = article(html, world.reply.id)
    assert ENGLISH_REPLY in reply and ARABIC_BODY not in reply
    assert "Machine translation from" in reply and "<bdi>LibreTranslate</bdi>" in reply


def test_the_title_is_shown_translated_with_the_original_beside_it(client, world, reader):
    translated(world)
    html = page(client, world)
    assert f'<h1 class="thread-heading" lang="en" dir="auto">{ENGLISH_TITLE}</h1>' in html
    assert f'<span class="original-title" lang="el" dir="auto">{GREEK_TITLE}</span>' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert ENGLISH_TITLE in title and GREEK_TITLE not in title


def test_one_post_can_be_read_as_written_by_a_plain_link(client, world, reader):
    translated(world)
    html = page(client, world, original=world.opening.id)
    opening = article(html, world.opening.id)
    assert GREEK_BODY in opening and ENGLISH_BODY not in opening
    assert "Show the translation into" in opening
    assert f'href="/threads/{world.thread.id}?page=1#post-{world.opening.id}"' in opening
    # The other post stays translated.
    assert ENGLISH_REPLY in article(html, world.reply.id)


def test_a_post_in_a_language_the_reader_reads_is_shown_as_written(
    client, world, make_member, login
):
    translated(world)
    login(speaks(make_member(locale="en"), "ar"))
    html = page(client, world)
    assert ENGLISH_BODY in article(html, world.opening.id)
    reply = article(html, world.reply.id)
    assert ARABIC_BODY in reply and ENGLISH_REPLY not in reply


def test_visitors_and_members_without_languages_read_originals_and_are_offered_the_switch(
    client, world, make_member, login
):
    translated(world)
    html = page(client, world)
    assert GREEK_BODY in html and ENGLISH_BODY not in html
    assert 'name="mode" value="on"' in html
    login(make_member(locale="en"))
    html = page(client, world)
    assert GREEK_BODY in html and ENGLISH_BODY not in html


def test_the_switch_is_remembered_in_the_session_for_visitors_too(client, world):
    translated(world)
    assert ENGLISH_BODY not in page(client, world)  # now in the visitors' page cache
    response = client.post(
        "/translations/reading",
        data={"mode": "on", "next": f"/threads/{world.thread.id}?page=1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/threads/{world.thread.id}?page=1"
    html = page(client, world)
    assert ENGLISH_BODY in html and ENGLISH_REPLY in html
    assert 'name="mode" value="off"' in html
    client.post("/translations/reading", data={"mode": "off", "next": "/"})
    assert ENGLISH_BODY not in page(client, world)


def test_a_member_can_turn_translations_off(client, world, reader):
    translated(world)
    client.post("/translations/reading", data={"mode": "off"})
    html = page(client, world)
    assert GREEK_BODY in html and ENGLISH_BODY not in html and ENGLISH_TITLE not in html


@pytest.mark.parametrize("mode", ["", "yes", "ON", "1" * 500])
def test_an_unknown_mode_is_refused_and_changes_nothing(client, world, reader, mode):
    translated(world)
    assert client.post("/translations/reading", data={"mode": mode}).status_code == 400
    assert ENGLISH_BODY in page(client, world)


def test_the_switch_never_sends_a_reader_to_another_site(client, world):
    response = client.post(
        "/translations/reading", data={"mode": "on", "next": "https://evil.example/x"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_the_switch_needs_a_post(client):
    assert client.get("/translations/reading").status_code == 405


def test_an_edited_original_marks_its_translation_outdated_on_the_next_view(
    client, db, world, reader
):
    translated(world)
    assert "mark-outdated" not in article(page(client, world), world.opening.id)
    services.edit_post(world.opening, editor=world.author, body="Νέο κείμενο.", language="el")
    db.session.commit()
    opening = article(page(client, world), world.opening.id)
    assert "mark-outdated" in opening and "Read the current original" in opening
    assert ENGLISH_BODY in opening


def test_a_new_or_edited_translation_shows_on_the_next_view(client, db, world, reader):
    translated(world, reply=False)
    html = page(client, world)
    assert ARABIC_BODY in article(html, world.reply.id)
    row = translate(
        "post", world.reply.id, "en", body=ENGLISH_REPLY, translator=world.translator,
        thread_id=world.thread.id,
    )  # fmt: skip
    assert ENGLISH_REPLY in article(page(client, world), world.reply.id)
    row.body_source, row.body_html, row.version = "Better.", "<p>Better.</p>", row.version + 1
    touch(world.thread)
    assert "Better." in article(page(client, world), world.reply.id)


def test_a_hidden_translation_is_never_shown(client, db, world, reader):
    translated(world, title=False, reply=False)
    from cop.translations.models import ContentTranslation

    db.session.query(ContentTranslation).update({"is_hidden": True})
    touch(world.thread)
    html = page(client, world)
    assert ENGLISH_BODY not in html and GREEK_BODY in html


def test_a_member_translation_is_chosen_over_a_machines(client, world, reader):
    translate(
        "post", world.opening.id, "en", body="Machine words.", provider="DeepL",
        thread_id=world.thread.id,
    )  # fmt: skip
    translated(world, title=False, reply=False)
    opening = article(page(client, world), world.opening.id)
    assert ENGLISH_BODY in opening and "Machine words." not in opening


def test_a_hidden_posts_translation_is_not_shown_to_a_moderator_either(
    client, db, world, make_member, login
):
    from cop.members.models import Role

    translated(world, title=False)
    world.reply.is_hidden = True
    db.session.commit()
    login(speaks(make_member(role=Role.MODERATOR, locale="en"), "fr"))
    reply = article(page(client, world), world.reply.id)
    assert ENGLISH_REPLY not in reply


def test_an_arabic_translation_inside_an_english_page_keeps_its_direction(
    client, db, world, make_member, login
):
    """A Greek post read in Arabic: the translation's block says its language and
    direction, the byline isolates the Latin translator's name."""
    translate(
        "post", world.opening.id, "ar", body="كيف تنظمون جمعياتكم؟", translator=world.translator,
        thread_id=world.thread.id,
    )  # fmt: skip
    login(speaks(make_member(locale="ar"), "ar", "en"))
    opening = article(page(client, world), world.opening.id)
    assert '<div class="post-body post-body-translated" lang="ar" dir="auto">' in opening
    assert 'dir="auto">Ana Translator</a>' in opening
