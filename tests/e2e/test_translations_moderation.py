"""A translation under moderation, in Arabic and Greek (and English for axe): a member
reports it without JavaScript, a moderator hides it from the queue, search no longer
finds it, the moderator shows it again from its moderation page and search does.
Every page on the way passes axe."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Browser, Page, expect

from cop.extensions import db
from tests.e2e.conftest import axe_violations, new_page, signed_in_page

_numbers = itertools.count(1)


def _translated_reply(live_app, author_id: int, translator_id: int, word: str) -> int:
    """A Greek thread by the author, a reply, its French translation (with `word`) by the
    translator; the translation's id."""
    from cop import signals
    from cop.members.models import Member
    from cop.sanitize import render_markdown
    from cop.threads import queries, services
    from cop.translations import sources
    from cop.translations.models import ContentTranslation

    with live_app.app_context():
        author = db.session.get(Member, author_id)
        translator = db.session.get(Member, translator_id)
        table = queries.list_categories(include_archived=False)[0]
        thread = services.start_thread(
            author=author, category=table, title="Συνεταιρισμοί", body="Αρχή", language="el"
        )
        post = services.reply_to_thread(
            author=author, thread=thread, body="Μια απάντηση", language="el"
        )
        thread.is_pending = post.is_pending = False
        db.session.flush()
        body = f"Une réponse sur les {word}"
        original = sources.load_original("post", post.id)
        translation = ContentTranslation(
            kind="post",
            object_id=post.id,
            language="fr",
            body_source=body,
            body_html=render_markdown(body),
            source_digest=original.digest,
            translator=translator,
        )
        db.session.add(translation)
        db.session.flush()
        signals.translation_added.send(
            translation, original=original, translator=translator, author_id=None
        )
        db.session.commit()
        translation_id = translation.id
        db.session.remove()
    return translation_id


def _axe(p: Page, found: list[str]) -> None:
    violations = axe_violations(p)
    if violations:
        found.append(f"{p.url}:\n  " + "\n  ".join(violations))


def _found_in_search(p: Page, word: str) -> int:
    p.goto(f"/search/?q={word}&kind=translation")
    return p.locator(".search-hit-translation").count()


@pytest.mark.parametrize("locale", ["ar", "el", "en"])
def test_a_reported_translation_is_hidden_from_the_queue_and_shown_again(
    locale, browser: Browser, base_url, live_app, create_account
):
    from cop.members.models import Role

    author, translator = create_account(locale=locale), create_account(locale=locale)
    reporter = create_account(locale=locale)
    moderator = create_account(locale=locale, role=Role.MODERATOR)
    word = f"zorglubs{locale}{next(_numbers)}"
    translation_id = _translated_reply(live_app, author.id, translator.id, word)
    axe_found: list[str] = []

    # A member reports it, without JavaScript.
    member_page = signed_in_page(browser, base_url, locale, reporter, javascript=False)
    member_page.goto(f"/moderation/report/translation/{translation_id}")
    expect(member_page.locator("html")).to_have_attribute("lang", locale)
    expect(member_page.locator(".translation-context")).to_contain_text(translator.display_name)
    member_page.locator("select[name=reason]").select_option("wrong_information")
    member_page.locator("textarea[name=note]").fill("Le sens est inversé")
    member_page.locator("form [type=submit].primary").click()
    assert "/moderation/report/" not in member_page.url

    # A visitor finds it in search.
    visitor = new_page(browser, base_url, locale)
    assert _found_in_search(visitor, word) == 1
    _axe(visitor, axe_found)

    # The moderator sees it in the queue beside its original and hides it.
    mod_page = signed_in_page(browser, base_url, locale, moderator)
    mod_page.goto("/moderation/?kind=translation")
    card = mod_page.locator(".report-card", has_text=word)
    expect(card.locator(".translation-original a")).to_have_text("Συνεταιρισμοί")
    _axe(mod_page, axe_found)
    card.locator("select[name=action]").select_option("hide")
    card.locator("textarea[name=note]").fill("Not what the reply says")
    card.locator("button[type=submit]").click()
    expect(mod_page.locator(".report-card", has_text=word)).to_have_count(0)
    assert _found_in_search(visitor, word) == 0

    # And shows it again from its moderation page.
    mod_page.goto(f"/moderation/translation/{translation_id}")
    expect(mod_page.locator(".mark-hidden").first).to_be_visible()
    _axe(mod_page, axe_found)
    mod_page.locator("form.reason-form button[type=submit]").first.click()
    expect(mod_page.locator(".translation-context .mark-hidden")).to_have_count(0)
    assert _found_in_search(visitor, word) == 1

    # The report form, with JavaScript, for axe.
    member_page.context.close()
    other = signed_in_page(browser, base_url, locale, create_account(locale=locale))
    other.goto(f"/moderation/report/translation/{translation_id}")
    _axe(other, axe_found)
    for p in (other, visitor, mod_page):
        p.context.close()
    assert not axe_found, "\n".join(axe_found)
