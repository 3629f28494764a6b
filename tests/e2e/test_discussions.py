"""Journeys of the discussions: start a thread with Markdown, preview, post, reply with a
quote, edit and read the history; in English and Arabic, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible

ENGLISH = {
    "title": "Social clauses that worked for us",
    "body": "We tried **three** things:\n\n- reserved contracts\n- *social* criteria\n\n"
    "| City | Share |\n|---|---|\n| Barcelona | 5% |",
    "reply": "Thanks, this is *very* useful.",
    "edited": "Thanks, this is *very* useful. We will try it in Sfax.",
}
ARABIC = {
    "title": "تجربتنا مع البنود الاجتماعية في البلديات",
    "body": "جرّبنا **ثلاثة** أمور:\n\n- العقود المخصصة\n- المعايير *الاجتماعية*",
    "reply": "شكرًا، هذا *مفيد جدًا*.",
    "edited": "شكرًا، هذا *مفيد جدًا*. سنجرّبه في صفاقس.",
}


def _start_thread(page: Page, text: dict, language: str, *, live_preview: bool) -> None:
    page.goto("/threads/")
    page.locator("a[href='/threads/new']").first.click()
    table = page.locator("select[name=category] option").filter(
        has_text=re.compile("procurement|المشتريات")
    )
    page.locator("select[name=category]").select_option(table.first.get_attribute("value"))
    page.locator("input[name=title]").fill(text["title"])
    page.locator("textarea[name=body]").fill(text["body"])
    page.locator("select[name=language]").select_option(language)
    preview = page.locator(".preview-body")
    if live_preview:
        # With JavaScript the preview follows the typing, no button needed.
        expect(preview.locator("strong")).to_be_visible()
    page.locator("button[name=preview]").click()
    expect(preview.locator("strong")).to_be_visible()
    expect(preview.locator("li")).to_have_count(2)
    # The preview kept everything typed.
    expect(page.locator("input[name=title]")).to_have_value(text["title"])
    page.locator("button[name=submit]").click()
    expect(page.locator("h1.thread-heading")).to_have_text(text["title"])
    opening = page.locator("article.post").first
    expect(opening.locator(".post-body strong")).to_be_visible()
    expect(opening.locator(".post-body")).to_have_attribute("dir", "auto")
    expect(opening.locator(".post-body")).to_have_attribute("lang", language)


def _reply_with_quote(page: Page, text: dict, *, in_page: bool) -> None:
    page.locator("article.post").first.locator(".quote-link").click()
    body = page.locator("textarea[name=body]")
    # The handle comes direction-isolated (U+2068 ... U+2069), see cop.i18n.isolate.
    expect(body).to_have_value(re.compile(r"^> \u2068@\S+\u2069 .*\(/threads/posts/\d+\):"))
    # With JavaScript the quote lands in the reply box below the posts; without, the
    # reply page opens with it.
    assert ("/reply" in page.url) is not in_page
    body.press("End")
    body.evaluate("(el, extra) => { el.value = el.value + extra; }", text["reply"])
    page.locator("button[name=submit]").click()
    reply = page.locator("article.post").last
    expect(reply.locator(".post-body blockquote strong")).to_be_visible()
    expect(reply.locator(".post-body > p em")).to_be_visible()
    assert re.search(r"#post-\d+$", page.url)


def _edit_and_read_history(page: Page, text: dict) -> None:
    reply = page.locator("article.post").last
    reply.locator("a[href$='/edit']").click()
    body = page.locator("textarea[name=body]")
    expect(body).to_have_value(re.compile(re.escape(text["reply"])))
    body.fill(text["edited"])
    page.locator("button[name=submit]").click()
    reply = page.locator("article.post").last
    expect(reply.locator(".post-body")).to_contain_text(text["edited"].replace("*", ""))
    reply.locator("a.edited").click()
    expect(page.locator(".revision")).to_have_count(2)
    expect(page.locator(".revision").first).to_contain_text(text["edited"].replace("*", ""))
    expect(page.locator(".revision").last.locator(".post-body")).to_contain_text(
        text["reply"].replace("*", "")
    )


def test_an_english_member_writes_quotes_and_edits(page: Page, create_account, sign_in):
    account = create_account(locale="en", display_name="Rosa Martin")
    sign_in(account)
    _start_thread(page, ENGLISH, "en", live_preview=True)
    expect(page.locator("article.post").first.locator("table td")).to_have_count(2)
    _reply_with_quote(page, ENGLISH, in_page=True)
    _edit_and_read_history(page, ENGLISH)


def test_an_arabic_member_writes_quotes_and_edits_right_to_left(
    page: Page, create_account, sign_in
):
    account = create_account(locale="ar", display_name="سلمى يوسف", country="JO")
    sign_in(account)
    page.set_viewport_size({"width": 390, "height": 844})
    _start_thread(page, ARABIC, "ar", live_preview=True)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    body = page.locator("article.post").first.locator(".post-body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _reply_with_quote(page, ARABIC, in_page=True)
    _edit_and_read_history(page, ARABIC)


def test_a_greek_reply_reads_left_to_right_under_an_arabic_interface(
    page: Page, create_account, sign_in
):
    sign_in(create_account(locale="ar"))
    page.goto("/threads/?language=el")
    page.locator(".thread-title").first.click()
    greek = page.locator("article.post .post-body[lang=el]").first
    assert greek.evaluate("el => getComputedStyle(el).direction") == "ltr"


def test_everything_works_without_javascript(nojs_page: Page, create_account, sign_in):
    account = create_account(locale="en", display_name="Without Script")
    sign_in(account, nojs_page)
    _start_thread(nojs_page, ENGLISH, "es", live_preview=False)
    _reply_with_quote(nojs_page, ENGLISH, in_page=False)
    _edit_and_read_history(nojs_page, ENGLISH)


def test_pressing_publish_twice_makes_one_thread(page: Page, create_account, sign_in):
    sign_in(create_account())
    page.goto("/threads/new")
    page.locator("input[name=title]").fill("Only once, please")
    page.locator("textarea[name=body]").fill("One thread, not two.")
    page.locator("button[name=submit]").dblclick()
    # The second press aborts the first press's navigation: wait for where it lands.
    expect(page).to_have_url(re.compile(r"/threads/\d+"), timeout=15_000)
    expect(page.locator("h1.thread-heading")).to_have_text("Only once, please")
    page.goto("/threads/?sort=newest")
    expect(page.get_by_role("link", name="Only once, please")).to_have_count(1)


@pytest.mark.parametrize("url", ["/threads/", "/threads/tables", "/"])
def test_discussion_pages_have_no_console_errors(page: Page, url: str):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]


@pytest.mark.parametrize("url", ["/threads/", "/threads/tables", "/threads/1", "/threads/new"])
def test_discussion_pages_pass_an_accessibility_check(
    page: Page, create_account, sign_in, url: str
):
    sign_in(create_account(locale="ar"))
    page.goto(url)
    assert_accessible(page)
