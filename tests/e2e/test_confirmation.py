"""Deleting a post asks first: a dialog with JavaScript, a page without it."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import thread_with_a_reply_by


def _reply_is_deleted(page: Page) -> bool:
    return page.locator(".post-trace").count() > 0 or page.get_by_text("My reply").count() == 0


def test_without_javascript_a_page_asks_before_a_post_is_deleted(
    nojs_page: Page, live_app, create_account, sign_in
):
    author = create_account()
    thread_id = thread_with_a_reply_by(live_app, author)
    sign_in(author, nojs_page)
    nojs_page.goto(f"/threads/{thread_id}?page=1")
    nojs_page.locator(".post-actions button.danger").first.click()
    nojs_page.wait_for_load_state()
    assert "/delete" in nojs_page.url
    assert nojs_page.get_by_text("My reply").count() == 1  # the item is shown
    nojs_page.locator(".confirmation button[type=submit]").click()
    nojs_page.wait_for_load_state()
    assert "/delete" not in nojs_page.url
    assert _reply_is_deleted(nojs_page)


def test_with_javascript_the_dialog_asks_and_the_page_is_skipped(
    page: Page, live_app, create_account, sign_in
):
    author = create_account()
    thread_id = thread_with_a_reply_by(live_app, author)
    sign_in(author)
    page.goto(f"/threads/{thread_id}?page=1")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(".post-actions button.danger").first.click()
    page.wait_for_load_state()
    assert asked and "Delete this post?" in asked[0]
    assert "/delete" not in page.url
    assert _reply_is_deleted(page)
