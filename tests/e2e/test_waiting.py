"""Threads waiting for an answer in a browser, in Arabic, Greek and English: a member
finds a question in their language from the home page, answers it, and it leaves the
list; a moderator sees the waits per language. axe finds nothing on either page, for a
visitor, a member and a moderator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible

TITLES = {
    "ar": ("من يعرف تعاونية في إربد؟", "سؤال آخر ينتظر"),
    "el": ("Ξέρει κανείς συνεταιρισμό στην Πάτρα;", "Άλλη ερώτηση σε αναμονή"),
    "en": ("Does anyone know a cooperative in Porto?", "Another question waiting"),
}


def _ask(live_app, account, titles: tuple[str, ...], language: str) -> list[int]:
    """Questions by `account` in the first table, nobody answered: their ids. Asked long
    ago, so they come first (oldest first) whatever the demo left waiting."""
    from datetime import UTC, datetime

    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category

    with live_app.app_context():
        author = db.session.get(Member, account.id)
        table = db.session.scalar(
            db.select(Category)
            .where(Category.is_archived.is_(False))
            .order_by(Category.position)
            .limit(1)
        )
        threads = [
            services.start_thread(
                author=author, category=table, title=title, body="Who knows?", language=language
            )
            for title in titles
        ]
        for n, thread in enumerate(threads):
            thread.created_at = datetime(2001, 1, 1 + n, tzinfo=UTC)
        db.session.commit()
        ids = [thread.id for thread in threads]
        db.session.remove()
    return ids


@pytest.mark.parametrize("locale", ["ar", "el", "en"])
def test_a_member_answers_a_question_waiting_in_their_language(
    browser, base_url, page: Page, live_app, create_account, sign_in, locale
):
    from cop.members.models import Role

    asker, reader = create_account(locale=locale), create_account(locale=locale)
    answered, waiting = _ask(live_app, asker, TITLES[locale], locale)
    sign_in(reader)
    page.goto("/")
    page.locator(".home-discussions a[href='/waiting/']").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator(f".thread-title[href='/threads/{answered}']")).to_have_count(1)
    assert_accessible(page)

    page.locator(f".thread-title[href='/threads/{answered}']").click()
    page.goto(f"/threads/{answered}/reply")
    page.locator("textarea[name=body]").fill("A cooperative I know well: write to me.")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    page.goto("/waiting/")
    expect(page.locator(f".thread-title[href='/threads/{answered}']")).to_have_count(0)
    expect(page.locator(f".thread-title[href='/threads/{waiting}']")).to_have_count(1)

    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        moderator_page = context.new_page()
        sign_in(create_account(locale=locale, role=Role.MODERATOR), moderator_page)
        moderator_page.goto(f"/waiting/languages?language={locale}")
        expect(moderator_page.locator(f".thread-title[href='/threads/{waiting}']")).to_have_count(1)
        assert_accessible(moderator_page)
        visitor_page = browser.new_context(base_url=base_url, locale=locale).new_page()
        visitor_page.goto(f"/waiting/?language={locale}")
        expect(visitor_page.locator(f".thread-title[href='/threads/{waiting}']")).to_have_count(1)
        assert_accessible(visitor_page)
        visitor_page.context.close()
    finally:
        context.close()


def test_the_waiting_page_works_without_javascript(nojs_page: Page, live_app, create_account):
    (question,) = _ask(live_app, create_account(), ("A question for the script-free",), "en")
    nojs_page.goto("/waiting/")
    nojs_page.locator("select[name=language]").select_option("en")
    nojs_page.locator("form.list-controls button[type=submit]").click()
    nojs_page.wait_for_load_state()
    assert "language=en" in nojs_page.url
    expect(nojs_page.locator(f".thread-title[href='/threads/{question}']")).to_have_count(1)
