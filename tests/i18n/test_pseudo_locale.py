"""Every word the interface shows comes from the catalogs (tests/i18n/pseudo.py)."""

from __future__ import annotations

import flask_wtf.i18n
import pytest
from wtforms.i18n import messages_path

import cop.members.services
import cop.moderation.queries
import cop.pages.queries
from cop.extensions import babel
from cop.pages.defaults import shipped
from tests.conftest import build_app
from tests.i18n import pseudo, scene


@pytest.fixture
def pseudo_app(app, database_url, tmp_path, monkeypatch):
    """The app reading only the pseudo catalogs, every request in the pseudo-locale.

    It shares the test database (so `app` empties it afterwards) but has its own
    caches. Flask-Babel keeps translations per locale in one process-wide dictionary:
    emptied before and after, so no other test sees the pseudo "el".
    """
    pot = pseudo.extract_pot(tmp_path / "messages.pot")
    pseudo.write_pseudo_catalog(pot, tmp_path / "messages", "messages")
    pseudo.write_pseudo_catalog(
        pseudo.Path(messages_path()) / "wtforms.pot", tmp_path / "wtforms", "wtforms"
    )
    monkeypatch.setattr(flask_wtf.i18n, "messages_path", lambda: str(tmp_path / "wtforms"))
    # Pages of one line, so the pagers show with all their words.
    monkeypatch.setattr(cop.moderation.queries, "EVENTS_PER_PAGE", 1)
    monkeypatch.setattr(cop.members.services, "PAGE_SIZE", 1)
    # The community's pages are content (in Greek they name "Markdown", "IP"...): shown
    # in English here, marked lang="en", with the translated notice that says so.
    monkeypatch.setattr(
        cop.pages.queries,
        "shipped",
        lambda slug, lang: shipped(slug, "en") if lang == "en" else None,
    )
    built = build_app(database_url, BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "messages"))
    built.extensions["babel"].locale_selector = lambda: pseudo.CODE
    built.extensions["mailman"].outbox = []
    babel.domain_instance.cache.clear()
    with built.app_context():
        yield built
    babel.domain_instance.cache.clear()


def test_the_pseudo_catalog_transforms_letters_and_keeps_placeholders():
    assert pseudo.transform("Next") == "Ñéẋţ"
    assert (
        pseudo.transform("Hello %(name)s, <a href=x>go</a>") == "Ĥéĺĺó %(name)s, <a href=x>ĝó</a>"
    )
    assert pseudo.untranslated_words(["Ñéẋţ 12 · user@example.org https://x.org/a"]) == []
    assert pseudo.untranslated_words(["Ñéẋţ Previous"]) == ["Previous"]


def test_every_page_shows_only_translated_words(pseudo_app):
    community = scene.build(scene.ARABIC, locale=pseudo.CODE)
    pages = scene.rendered_pages(pseudo_app, community)
    assert len(pages) > 100
    found = {
        name: words for name, html in pages.items() if (words := pseudo.untranslated_in_page(html))
    }
    assert found == {}, _report(found)


def test_every_email_says_only_translated_words(pseudo_app):
    community = scene.build(scene.ARABIC, locale=pseudo.CODE)
    emails = scene.sent_emails(pseudo_app, community)
    assert len(emails) >= 6  # two notices, a digest, reset, confirm, changed
    found = {}
    for name, (subject, text, html) in emails.items():
        words = pseudo.untranslated_words([subject, text]) + pseudo.untranslated_in_page(html)
        if words:
            found[name] = words
    assert found == {}, _report(found)


def _report(found: dict[str, list[str]]) -> str:
    lines = [f"{name}: {sorted(set(words))}" for name, words in sorted(found.items())]
    return "untranslated words:\n" + "\n".join(lines[:60])


@pytest.mark.parametrize("code", [400, 403, 404, 405, 413, 429, 500, 503])
def test_every_error_page_is_translated(pseudo_app, code):
    from cop.errors import render_error

    with pseudo_app.test_request_context("/"):
        html, status = render_error(code)
    assert status == code
    assert pseudo.untranslated_in_page(html) == []
