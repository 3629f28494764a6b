"""Machine translations as a service: asked once per text, language and digest, stored
sanitized with their Markdown intact, never for hidden, pending or deleted originals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.threads import services as thread_services
from cop.translations import machine_services as ms
from cop.translations.machine_providers import (
    GARBLED,
    REFUSED,
    UNSUPPORTED,
    MachineTranslationError,
    configured_provider,
)
from cop.translations.models import MACHINE, ContentTranslation
from cop.translations.sources import load_original
from tests.corpora import naughty_sample
from tests.translations import machine_fakes, machine_world

_fake_server = machine_fakes._fake_server
fake_provider = machine_fakes.fake_provider
machine_on = machine_fakes.machine_on
greek_thread = machine_world.greek_thread
spanish_resource = machine_world.spanish_resource


def rows(db) -> int:
    return db.session.scalar(select(func.count(ContentTranslation.id)))


def translate(app, db, kind, object_id, language="en", requester=None):
    original = load_original(kind, object_id)
    row = ms.request_machine_translation(
        original, language, configured_provider(app.config), requester
    )
    db.session.commit()
    return row


def test_a_post_is_translated_once_and_stored_sanitized(app, db, machine_on, greek_thread):
    opening, _reply = machine_world.posts_of(greek_thread)
    reader = greek_thread.author
    row = translate(app, db, "post", opening.id, requester=reader)
    assert row.origin == MACHINE and row.provider == "LibreTranslate"
    assert row.language == "en" and row.translator_id == reader.id
    assert row.source_digest == load_original("post", opening.id).digest
    assert row.title is None
    assert row.body_source.startswith("[en] ΚΑΛΗΜΈΡΑ ΣΕ ΌΛΟΥΣ.")
    assert "`κώδικα`" in row.body_source and "(https://example.org/doc)" in row.body_source
    assert "<code>κώδικα</code>" in row.body_html
    assert 'href="https://example.org/doc"' in row.body_html
    sent = machine_on.requests[-1][2]
    assert sent["source"] == "el" and sent["target"] == "en"
    assert "κώδικα" not in str(sent["q"]) and "example.org" not in str(sent["q"])
    again = translate(app, db, "post", opening.id, requester=reader)
    assert again.id == row.id and len(machine_on.requests) == 1 and rows(db) == 1


def test_mentions_stay_linked_in_the_translation(app, db, machine_on, greek_thread):
    _opening, reply = machine_world.posts_of(greek_thread)
    row = translate(app, db, "post", reply.id, requester=greek_thread.author)
    assert "@ana_m" in row.body_source and "**" in row.body_source
    assert 'href="/members/ana_m"' in row.body_html or "/ana_m" in row.body_html
    assert "<strong>" in row.body_html


def test_a_thread_title_and_a_resource_are_translated_in_one_request(
    app, db, machine_on, greek_thread, spanish_resource
):
    title = translate(app, db, "thread", greek_thread.id, "fr", greek_thread.author)
    assert title.title == "[fr] ΣΥΝΆΝΤΗΣΗ ΣΤΗΝ ΑΘΉΝΑ" and title.body_source == ""
    resource = translate(app, db, "resource", spanish_resource.id, "ar", greek_thread.author)
    assert resource.title == "[ar] GUÍA DE COOPERATIVAS"
    assert "**" in resource.body_source and "https://example.org/guia" in resource.body_source
    assert "<strong>" in resource.body_html
    assert len(machine_on.requests) == 2  # one each, the title with the description


def test_an_edited_original_asks_again_and_keeps_the_old_one_outdated(
    app, db, machine_on, greek_thread
):
    opening, _reply = machine_world.posts_of(greek_thread)
    first = translate(app, db, "post", opening.id, requester=greek_thread.author)
    thread_services.edit_post(opening, editor=greek_thread.author, body="Νέο κείμενο")
    db.session.commit()
    second = translate(app, db, "post", opening.id, requester=greek_thread.author)
    assert second.id != first.id and rows(db) == 2
    assert second.body_source == "[en] ΝΈΟ ΚΕΊΜΕΝΟ"
    assert ms.machine_text_for("post", opening.id, "en") == (None, "[en] ΝΈΟ ΚΕΊΜΕΝΟ")


@pytest.mark.parametrize("state", ["hidden", "pending", "deleted", "thread_hidden"])
def test_hidden_pending_or_deleted_originals_are_never_sent(
    app, db, machine_on, greek_thread, state
):
    _opening, reply = machine_world.posts_of(greek_thread)
    if state == "thread_hidden":
        greek_thread.is_hidden = True
    else:
        setattr(reply, f"is_{state}", True)
    db.session.commit()
    original = load_original("post", reply.id)
    if original is not None:
        assert not ms.is_live(original)
    assert ms.original_for_reader("post", reply.id, greek_thread.author) is None
    assert ms.machine_text_for("post", reply.id, "en") == (None, None)
    assert machine_on.requests == []


@pytest.mark.parametrize("mode", ["fail", "garbage", "html", "huge", "shape"])
def test_a_failing_provider_stores_nothing(app, db, machine_on, greek_thread, mode):
    opening, _reply = machine_world.posts_of(greek_thread)
    machine_on.mode = mode
    with pytest.raises(MachineTranslationError) as failed:
        translate(app, db, "post", opening.id, requester=greek_thread.author)
    db.session.rollback()
    assert failed.value.reason in (REFUSED, GARBLED)
    assert rows(db) == 0


def test_the_same_language_or_an_unknown_one_is_never_sent(app, db, machine_on, greek_thread):
    opening, _reply = machine_world.posts_of(greek_thread)
    for language in ("el", "tlh", ""):
        with pytest.raises(MachineTranslationError) as failed:
            translate(app, db, "post", opening.id, language, greek_thread.author)
        assert failed.value.reason == UNSUPPORTED
    assert machine_on.requests == [] and rows(db) == 0


def test_a_hidden_machine_translation_is_not_asked_for_again(app, db, machine_on, greek_thread):
    opening, _reply = machine_world.posts_of(greek_thread)
    row = translate(app, db, "post", opening.id, requester=greek_thread.author)
    row.is_hidden = True
    db.session.commit()
    with pytest.raises(MachineTranslationError) as failed:
        translate(app, db, "post", opening.id, requester=greek_thread.author)
    assert failed.value.reason == ms.WITHHELD
    assert len(machine_on.requests) == 1
    assert ms.machine_text_for("post", opening.id, "en") == (None, None)


def test_two_readers_at_once_store_one_row(app, db, machine_on, greek_thread):
    """Both asked the provider (neither saw a row yet); the second insert is ignored."""
    opening, _reply = machine_world.posts_of(greek_thread)
    original = load_original("post", opening.id)
    provider = configured_provider(app.config)
    found = ms.stored_machine_translation
    ms.stored_machine_translation = lambda *args: None  # the other reader's view of it
    try:
        ms.request_machine_translation(original, "en", provider, greek_thread.author)
        ms.request_machine_translation(original, "en", provider, greek_thread.author)
    finally:
        ms.stored_machine_translation = found
    db.session.commit()
    assert rows(db) == 1 and len(machine_on.requests) == 2


def test_machine_text_for_gives_the_title_of_a_thread(app, db, machine_on, greek_thread):
    translate(app, db, "thread", greek_thread.id, "es", greek_thread.author)
    assert ms.machine_text_for("thread", greek_thread.id, "es") == (
        "[es] ΣΥΝΆΝΤΗΣΗ ΣΤΗΝ ΑΘΉΝΑ",
        None,
    )
    assert ms.machine_text_for("thread", greek_thread.id, "fr") == (None, None)
    assert ms.machine_text_for("thread", 999_999, "es") == (None, None)


@pytest.mark.parametrize("text", naughty_sample())
def test_naughty_posts_come_back_sanitized(app, db, machine_on, greek_thread, text):
    opening, _reply = machine_world.posts_of(greek_thread)
    thread_services.edit_post(opening, editor=greek_thread.author, body=f"Λέξεις {text}")
    db.session.commit()
    row = translate(app, db, "post", opening.id, requester=greek_thread.author)
    assert "<script" not in row.body_html.lower()
    assert "onerror=" not in row.body_html.lower() or "&lt;" in row.body_html


def test_nul_characters_in_an_answer_are_dropped(app, db, machine_on, greek_thread, monkeypatch):
    from cop.translations import machine_providers

    opening, _reply = machine_world.posts_of(greek_thread)
    monkeypatch.setattr(
        machine_providers.LibreTranslate,
        "translate",
        lambda self, texts, source, target: ["Good\x00 morning" for _ in texts],
    )
    row = translate(app, db, "post", opening.id, requester=greek_thread.author)
    assert "\x00" not in row.body_source and "Good morning" in row.body_source
