"""Moderation journeys, in English and in Arabic: a report ends with the post hidden and
its author told; a new member's first post waits, is approved and appears."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from cop.extensions import db
from tests.e2e.conftest import signed_in_page


def _thread_with_reply(live_app, author_id: int, reply_body: str) -> tuple[int, int]:
    from cop.members.models import Member
    from cop.threads import queries, services

    with live_app.app_context():
        author = db.session.get(Member, author_id)
        table = queries.list_categories(include_archived=False)[0]
        thread = services.start_thread(
            author=author,
            category=table,
            title="A thread to moderate",
            body="Opening",
            language="en",
        )
        post = services.reply_to_thread(
            author=author, thread=thread, body=reply_body, language="en"
        )
        thread.is_pending = post.is_pending = False
        db.session.execute(
            db.update(type(post)).where(type(post).thread_id == thread.id).values(is_pending=False)
        )
        db.session.commit()
        ids = (thread.id, post.id)
        db.session.remove()
    return ids


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_reported_post_is_hidden_from_the_queue_and_its_author_is_told(
    locale, page: Page, browser: Browser, base_url, live_app, create_account, sign_in
):
    from cop.members.models import Role

    author = create_account(locale=locale)
    reporter = create_account(locale=locale)
    moderator = create_account(locale=locale, role=Role.MODERATOR)
    words = f"Rude words in {locale}"
    thread_id, post_id = _thread_with_reply(live_app, author.id, words)

    sign_in(reporter)
    page.goto(f"/threads/{thread_id}?page=1")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    page.locator(f"#post-{post_id} a.report-link").click()
    page.locator("select[name=reason]").select_option("abuse")
    page.locator("textarea[name=note]").fill("Insulting")
    page.locator("form [type=submit].primary").click()
    expect(page.locator(f"#post-{post_id}")).to_be_visible()

    mod_page = signed_in_page(browser, base_url, locale, moderator)
    mod_page.goto("/moderation/")
    card = mod_page.locator(".report-card", has_text=words)
    card.locator("select[name=action]").select_option("hide")
    card.locator("textarea[name=note]").fill("Personal attacks are not welcome")
    card.locator("button[type=submit]").click()
    expect(mod_page.locator(".report-card", has_text=words)).to_have_count(0)

    page.goto(f"/threads/{thread_id}?page=1")
    expect(page.get_by_text(words)).to_have_count(0)

    author_page = signed_in_page(browser, base_url, locale, author)
    author_page.goto(f"/threads/{thread_id}?page=1")
    notice = author_page.locator(f"#post-{post_id} .moderation-notice")
    expect(notice).to_contain_text("Personal attacks are not welcome")
    mod_page.context.close()
    author_page.context.close()


@pytest.fixture
def approval_on(live_app):
    from cop.sitesettings import SiteSetting

    with live_app.app_context():
        db.session.merge(SiteSetting(key="approval_count", value=2))
        db.session.commit()
        db.session.remove()
    yield
    with live_app.app_context():
        db.session.delete(db.session.get(SiteSetting, "approval_count"))
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_new_members_first_post_waits_is_approved_and_appears(
    locale, approval_on, page: Page, browser: Browser, base_url, live_app, create_account, sign_in
):
    from cop.members.models import Role

    newcomer = create_account(locale=locale)
    reader = create_account(locale=locale)
    moderator = create_account(locale=locale, role=Role.MODERATOR)
    thread_id, _post = _thread_with_reply(live_app, moderator.id, "Welcome, everyone")
    words = f"My very first words ({locale})"

    sign_in(newcomer)
    page.goto(f"/threads/{thread_id}?page=1")
    page.locator("#reply textarea[name=body]").fill(words)
    page.locator("#reply form button[type=submit]:not([name=preview])").last.click()
    expect(page.get_by_text(words)).to_be_visible()
    expect(page.locator(".moderation-notice.pending")).to_be_visible()

    reader_page = signed_in_page(browser, base_url, locale, reader)
    reader_page.goto(f"/threads/{thread_id}?page=1")
    expect(reader_page.get_by_text(words)).to_have_count(0)

    mod_page = signed_in_page(browser, base_url, locale, moderator)
    mod_page.goto("/moderation/pending")
    card = mod_page.locator(".report-card", has_text=words)
    card.locator("form.inline-form button[type=submit]").click()
    expect(mod_page.locator(".report-card", has_text=words)).to_have_count(0)

    reader_page.goto(f"/threads/{thread_id}?page=1")
    expect(reader_page.get_by_text(words)).to_be_visible()
    reader_page.context.close()
    mod_page.context.close()
