"""Members' translations in a browser, in Arabic and Greek, without JavaScript: a member
translates a reply from the thread page, another reads the thread and opens the
translation, the original is edited and the translation shows as outdated. axe finds
nothing on the translation's pages (en, ar, el)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible as _axe_on

# The thread is written in the other language: the journey's reader cannot read it.
WORDS = {
    "ar": ("el", "Πώς ξεκινά ένας συνεταιρισμός;", "Με πέντε μέλη και ένα καταστατικό.",
           "بخمسة أعضاء ونظام أساسي."),
    "el": ("ar", "كيف نبدأ تعاونية سكنية؟", "ابدأوا بخمسة أعضاء.",
           "Ξεκινήστε με πέντε μέλη."),
    "en": ("es", "¿Cómo empezamos una cooperativa?", "Con cinco socios.", "With five members."),
}  # fmt: skip


def _thread(live_app, author, locale: str) -> tuple[int, int]:
    """A thread by `author` in the other language, with a reply of theirs."""
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category

    language, title, reply_text, _ = WORDS[locale]
    with live_app.app_context():
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        writer = db.session.get(Member, author.id)
        thread = services.start_thread(
            author=writer, category=table, title=title, body=title, language=language
        )
        reply = services.reply_to_thread(
            author=writer, thread=thread, body=reply_text, language=language
        )
        db.session.commit()
        ids = thread.id, reply.id
        db.session.remove()
    return ids


def _edit_original(live_app, author, reply_id: int) -> None:
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Post

    with live_app.app_context():
        post = db.session.get(Post, reply_id)
        services.edit_post(post, editor=db.session.get(Member, author.id), body="… 2026")
        db.session.commit()
        db.session.remove()


def assert_accessible(page: Page) -> None:
    """axe runs in the page (JavaScript), which these pages are seen without: the same
    address again with it, in the same session (its cookies), checked as it stands."""
    origin = "/".join(page.url.split("/", 3)[:3])
    context = page.context.browser.new_context(
        base_url=origin, storage_state=page.context.storage_state()
    )
    try:
        checked = context.new_page()
        checked.goto(page.url)
        _axe_on(checked)
    finally:
        context.close()


def _nojs_page(browser, base_url, locale: str) -> Page:
    context = browser.new_context(base_url=base_url, locale=locale, java_script_enabled=False)
    return context.new_page()


def _sign_in(page: Page, account) -> None:
    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/auth/sign-in" not in page.url


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_member_translates_a_reply_another_reads_it_and_sees_it_outdated(
    browser, base_url, live_app, create_account, locale
):
    author = create_account(locale="en")
    translator, reader = create_account(locale=locale), create_account(locale=locale)
    thread_id, reply_id = _thread(live_app, author, locale)
    translated = WORDS[locale][3]

    page = _nojs_page(browser, base_url, locale)
    try:
        _sign_in(page, translator)
        page.goto(f"/threads/{thread_id}?page=1")
        page.locator(f"#post-{reply_id} a.translate-link").click()
        expect(page.locator("select[name=language]")).to_have_value(locale)
        expect(page.locator(".translation-original")).to_contain_text(WORDS[locale][2])
        page.locator("textarea[name=body]").fill(translated)
        page.locator("form:has(textarea[name=body]) button[type=submit]").click()
        expect(page.locator(".translation-text")).to_contain_text(translated)
        expect(page.locator(".translation-text")).to_have_attribute("lang", locale)
        assert_accessible(page)
    finally:
        page.context.close()

    page = _nojs_page(browser, base_url, locale)
    try:
        _sign_in(page, reader)
        page.goto(f"/threads/{thread_id}?page=1")
        link = page.locator(f"#post-{reply_id} .translation-links a[hreflang={locale}]")
        expect(link).to_be_visible()
        expect(page.locator(f"#post-{reply_id} .mark-outdated")).to_have_count(0)
        _edit_original(live_app, author, reply_id)
        page.reload()
        expect(page.locator(f"#post-{reply_id} .mark-outdated")).to_be_visible()
        link.click()
        expect(page.locator(".translation-outdated")).to_be_visible()
        expect(page.locator(".translation-text")).to_contain_text(translated)
        assert_accessible(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_translation_pages_pass_axe(browser, base_url, live_app, create_account, locale):
    """The form (with an error), the translation, its history and the removal question,
    for the translator, who sees every control."""
    author = create_account(locale="en")
    translator = create_account(locale=locale)
    thread_id, reply_id = _thread(live_app, author, locale)
    page = _nojs_page(browser, base_url, locale)
    try:
        _sign_in(page, translator)
        page.goto(f"/translations/post/{reply_id}/new")
        page.locator("form:has(textarea[name=body]) button[type=submit]").click()
        expect(page.locator(".form-errors")).to_be_visible()
        assert_accessible(page)
        page.locator("select[name=language]").select_option(locale if locale != "en" else "fr")
        page.locator("textarea[name=body]").fill(WORDS[locale][3])
        page.locator("form:has(textarea[name=body]) button[type=submit]").click()
        expect(page.locator(".translation-text")).to_be_visible()
        translation_url = page.url
        page.goto(translation_url + "/edit")
        page.locator("textarea[name=body]").fill(WORDS[locale][3] + " (2)")
        page.locator("form:has(textarea[name=body]) button[type=submit]").click()
        expect(page.locator(".translation-meta a[href$='/history']")).to_be_visible()
        page.goto(translation_url + "/history")
        expect(page.locator(".revision")).to_have_count(2)
        assert_accessible(page)
        page.goto(translation_url + "/remove")
        assert_accessible(page)
        page.locator("form:has(input[name=confirmed]) button[type=submit]").click()
        assert f"/threads/posts/{reply_id}" in page.url or f"/threads/{thread_id}" in page.url
        expect(page.locator(f"#post-{reply_id} .translation-links a[hreflang]")).to_have_count(0)
    finally:
        page.context.close()
