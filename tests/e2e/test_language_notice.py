"""The language notice in a browser, without JavaScript, in Greek and Arabic: a reply in
Spanish sent as the interface language comes back with the notice, nothing published,
the words kept; "Mark it as Spanish" publishes it marked Spanish. axe finds nothing on
the page with the notice, in English, Arabic and Greek."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, thread_with_a_reply_by

SPANISH = (
    "Probamos algo parecido en Valencia y lo más difícil fue que el ayuntamiento "
    "cumpliera sus promesas después de las elecciones."
)


@pytest.fixture
def language_check(live_app, monkeypatch):
    """The other journeys write English marked as any language: on here only."""
    monkeypatch.setitem(live_app.config, "LANGUAGE_CHECK", True)


def _send_spanish_reply(page: Page, thread_id: int) -> None:
    page.goto(f"/threads/{thread_id}/reply")
    page.locator("textarea[name=body]").fill(SPANISH)
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("locale", ["el", "ar"])
def test_a_reply_in_another_language_is_confirmed_before_it_is_published(
    nojs_page: Page, live_app, create_account, language_check, locale
):
    page = nojs_page
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, member)
    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(member.email)
    page.locator("input[name=password]").fill(member.password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    _send_spanish_reply(page, thread_id)
    notice = page.locator("#language-notice")
    expect(notice).to_be_visible()
    expect(page.locator("textarea[name=body]")).to_have_value(SPANISH)
    expect(page.locator("select[name=language]")).to_have_value(locale)
    notice.locator("button[value=es]").click()
    page.wait_for_load_state()
    reply = page.locator(".post-body[lang=es]", has_text="Probamos algo parecido")
    expect(reply).to_be_visible()


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_page_with_the_notice_is_accessible(
    page: Page, live_app, create_account, sign_in, language_check, locale
):
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member)
    if locale == "en":  # English text would match: send it as French
        page.goto(f"/threads/{thread_id}/reply")
        page.locator("select[name=language]").select_option("fr")
        page.locator("textarea[name=body]").fill(SPANISH)
        page.locator("button[name=submit]").click()
        page.wait_for_load_state()
    else:
        _send_spanish_reply(page, thread_id)
    expect(page.locator("#language-notice")).to_be_visible()
    assert_accessible(page)


def test_the_notice_appears_while_typing(
    page: Page, live_app, create_account, sign_in, language_check
):
    member = create_account(locale="el")
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member)
    page.goto(f"/threads/{thread_id}/reply")
    live = page.locator(".language-live-notice")
    expect(live).to_be_hidden()
    page.locator("textarea[name=body]").fill(SPANISH)
    expect(live).to_be_visible()
    expect(live).to_contain_text("Ισπανικά")
    page.locator("select[name=language]").select_option("es")
    expect(live).to_be_hidden()
