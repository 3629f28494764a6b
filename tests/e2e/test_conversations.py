"""Private conversations in a browser, in Arabic and Greek: a member starts one, the
other finds it unread in the header, reads it and replies; axe finds nothing on the
list and the conversation page (en, ar, el)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible


@pytest.fixture
def open_to_strangers(live_app):
    """Fresh accounts have no published post yet: the strangers' rule is not tested here."""
    before = live_app.config["CONVERSATIONS_MIN_POSTS_FOR_STRANGERS"]
    live_app.config["CONVERSATIONS_MIN_POSTS_FOR_STRANGERS"] = 0
    yield
    live_app.config["CONVERSATIONS_MIN_POSTS_FOR_STRANGERS"] = before


WORDS = {
    "ar": ("موعد الورشة", "هل نلتقي يوم الخميس؟", "نعم، أراك هناك."),
    "el": ("Το εργαστήριο", "Συναντιόμαστε την Πέμπτη;", "Ναι, τα λέμε εκεί."),
    "en": ("The workshop", "Shall we meet on Thursday?", "Yes, see you there."),
}


@pytest.mark.parametrize("locale", ["ar", "el", "en"])
def test_a_member_starts_a_conversation_and_the_other_replies(
    page: Page, browser, base_url, create_account, sign_in, open_to_strangers, locale
):
    subject, first, answer = WORDS[locale]
    sender = create_account(locale=locale)
    recipient = create_account(locale=locale)
    sign_in(sender)
    page.goto(f"/conversations/new?to={recipient.handle}")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    page.locator("input[name=subject]").fill(subject)
    page.locator("textarea[name=body]").fill(first)
    page.locator("form.writer [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(subject)
    expect(page.locator(".message-body").last).to_contain_text(first)
    assert_accessible(page)

    context = browser.new_context(base_url=base_url)
    other = context.new_page()
    sign_in(recipient, other)
    expect(other.locator(".conversations-link .unread-count")).to_contain_text("1")
    other.locator(".conversations-link").click()
    other.wait_for_load_state()
    expect(other.locator(".conversation-row.is-unread")).to_have_count(1)
    assert_accessible(other)
    other.locator(".conversation-subject", has_text=subject).click()
    other.wait_for_load_state()
    expect(other.locator(".message.is-new")).to_have_count(1)
    other.locator("#reply textarea[name=body]").fill(answer)
    other.locator("#reply [type=submit]").click()
    other.wait_for_load_state()
    expect(other.locator(".message-body").last).to_contain_text(answer)
    context.close()

    page.reload()
    expect(page.locator(".message-body").last).to_contain_text(answer)
