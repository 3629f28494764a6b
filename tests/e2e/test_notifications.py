"""Journey of notifications: A watches a discussion table, B starts a thread there and
mentions A; A sees the unread count, the notification, and gets the email in A's own
language and direction. In Arabic and in Spanish."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("locale, direction", [("ar", "rtl"), ("es", "ltr")])
def test_a_watcher_hears_of_a_new_thread_that_mentions_them(
    page: Page, browser, base_url, create_account, sign_in, outbox, locale, direction
):
    reader = create_account(locale=locale)
    writer = create_account(locale="en")

    # A watches a discussion table, in A's language.
    sign_in(reader)
    page.goto("/threads/tables")
    page.locator("main a[href^='/threads/tables/']").first.click()
    table_path = page.url.removeprefix(base_url)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.locator(".watch-controls button[value=watch]").click()
    expect(page.locator(".watch-controls button[value=unwatch]")).to_be_visible()
    expect(page.locator(".unread-count")).to_have_count(0)

    # B, in another browser, starts a thread in that table and mentions A.
    context = browser.new_context(base_url=base_url)
    other = context.new_page()
    sign_in(writer, other)
    slug = table_path.rsplit("/", 1)[-1]
    other.goto(f"/threads/new?table={slug}")
    title = f"Cooperatives and municipalities ({locale})"
    other.locator("input[name=title]").fill(title)
    other.locator("textarea[name=body]").fill(f"What do you think, @{reader.handle}?")
    other.locator("button[name=submit]").click()
    expect(other.locator("h1.thread-heading")).to_have_text(title)
    context.close()

    # A sees the count in the header and the notification.
    page.reload()
    expect(page.locator(".notifications-link .unread-count")).to_contain_text("1")
    page.locator(".notifications-link").click()
    item = page.locator(".notification.is-unread").first
    expect(item).to_contain_text(title)
    expect(item).to_contain_text(writer.display_name)
    item.locator("button.primary").click()
    expect(page.locator("h1.thread-heading")).to_have_text(title)
    expect(page.locator(".notifications-link .unread-count")).to_have_count(0)

    # And the email, in A's language and direction, with its unsubscribe headers.
    mine = [m for m in outbox if m.to == [reader.email]]
    assert len(mine) == 1
    message = mine[0]
    html = message.alternatives[0][0]
    assert f'<html lang="{locale}" dir="{direction}">' in html
    assert title in message.subject
    assert re.search(r"http://127\.0\.0\.1:\d+/threads/posts/\d+", message.body)
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
