"""Bookmarks and drafts in a browser: in Arabic without JavaScript, a member saves a
draft reply, comes back to find it in the reply box and posts it; the bookmarks and
drafts pages pass axe in en, ar and el."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, thread_with_a_reply_by


def test_an_arabic_member_saves_a_draft_reply_without_javascript_and_posts_it_later(
    nojs_page: Page, live_app, create_account, sign_in
):
    member = create_account(locale="ar")
    thread_id = thread_with_a_reply_by(live_app, create_account())
    words = f"مسودة ردي على الموضوع {uuid.uuid4().hex[:6]}"
    sign_in(member, nojs_page)
    nojs_page.goto(f"/threads/{thread_id}?page=1")
    expect(nojs_page.locator("html")).to_have_attribute("dir", "rtl")
    nojs_page.locator("#reply textarea[name=body]").fill(words)
    nojs_page.get_by_role("button", name="حفظ المسودة").click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(".flash-success")).to_contain_text("حُفظت مسودتك")
    expect(nojs_page.locator("textarea[name=body]")).to_have_value(words)

    nojs_page.goto("/drafts/")
    expect(nojs_page.locator(".draft-row")).to_have_count(1)
    expect(nojs_page.locator(".draft-excerpt")).to_have_text(words)
    nojs_page.goto(f"/threads/{thread_id}?page=1")  # coming back
    expect(nojs_page.locator("#reply textarea[name=body]")).to_have_value(words)
    nojs_page.locator("#reply form button[type=submit]:not([name=preview])").click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(".post-body", has_text=words)).to_have_count(1)
    nojs_page.goto("/drafts/")
    expect(nojs_page.locator(".draft-row")).to_have_count(0)


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_bookmarks_and_drafts_pages_pass_axe(
    page: Page, live_app, create_account, sign_in, locale
):
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, create_account())
    sign_in(member)
    page.goto(f"/threads/{thread_id}?page=1")
    page.locator(".bookmark-slot form button").click()  # the thread
    page.wait_for_load_state()
    page.locator(".post-actions .bookmark-form button").first.click()  # its first post
    page.wait_for_load_state()
    expect(page.locator(".post-actions .bookmark-form.is-bookmarked")).to_have_count(1)
    page.locator("#reply textarea[name=body]").fill("Une idée à finir")
    page.locator("#reply button[name=save_draft]").click()
    page.wait_for_load_state()

    page.goto("/bookmarks/")
    expect(page.locator(".bookmark-row")).to_have_count(2)
    assert_accessible(page)
    page.locator(".bookmark-actions a").first.click()
    page.wait_for_load_state()
    page.locator("input[name=remind_on]").fill("2031-03-01")
    page.locator("textarea[name=note]").fill("À relire")
    page.locator("form:has(textarea[name=note]) button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".bookmark-note").first).to_have_text("À relire")
    assert_accessible(page)
    page.goto("/drafts/")
    expect(page.locator(".draft-row")).to_have_count(1)
    assert_accessible(page)


def test_with_javascript_the_draft_is_kept_while_typing(
    page: Page, live_app, create_account, sign_in
):
    member = create_account(locale="el")
    thread_id = thread_with_a_reply_by(live_app, create_account())
    words = f"Μια σκέψη που δεν τελείωσε {uuid.uuid4().hex[:6]}"
    sign_in(member)
    page.goto(f"/threads/{thread_id}?page=1")
    page.locator("#reply textarea[name=body]").fill(words)
    expect(page.locator("#reply .draft-status")).to_have_text("Το πρόχειρο αποθηκεύτηκε.")
    page.goto("/drafts/")
    expect(page.locator(".draft-excerpt")).to_have_text(words)
