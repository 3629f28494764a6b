"""Journeys of the community's rules: registering in Arabic and Greek, confirming the
address by the emailed link, then posting; the pages, their editing and the changed
policy shown once; axe finds nothing on any of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible, axe_violations, thread_with_a_reply_by

PEOPLE = {
    "ar": ("سلمى الحسيني", "JO", "شكرًا، جرّبنا هذا في عمّان أيضًا."),
    "el": ("Ελένη Παπαδοπούλου", "GR", "Ευχαριστώ, το δοκιμάσαμε και στη Θεσσαλονίκη."),
}


def _link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/auth/confirm/\S+)", message.body).group(1)


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_new_member_registers_confirms_the_address_then_posts(
    browser, base_url, live_app, create_account, outbox, locale
):
    name, country, reply = PEOPLE[locale]
    thread_id = thread_with_a_reply_by(live_app, create_account())
    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/auth/register")
        assert page.locator("html").get_attribute("lang") == locale
        page.locator("input[name=display_name]").fill(name)
        page.locator("input[name=email]").fill(f"journey-{locale}@example.org")
        page.locator("input[name=password]").fill("co-producing social policy together")
        page.locator("select[name=country]").select_option(country)
        page.locator("select[name=locale]").select_option(locale)
        page.locator("input[name=accept_conduct]").check()
        page.locator("input[name=accept_privacy]").check()
        page.locator("form:has(input[name=accept_conduct]) button[type=submit]").click()

        banner = page.locator(".moderation-banner.unconfirmed")
        expect(banner).to_be_visible()
        assert_accessible(page)
        # Not yet: the reply form is not offered, and the new-thread form is refused.
        page.goto(f"/threads/{thread_id}")
        expect(page.locator("textarea[name=body]")).to_have_count(0)
        # A new link, asked from the banner, replaces the first one.
        assert len(outbox) == 1
        page.locator(".moderation-banner.unconfirmed button[type=submit]").click()
        expect(page.locator(".flash-success")).to_be_visible()
        assert len(outbox) == 2
        assert outbox[-1].to == [f"journey-{locale}@example.org"]

        page.goto(_link_in(outbox[-1]))
        assert_accessible(page)
        page.locator("main section form button[type=submit]").click()
        expect(page.locator(".flash-success")).to_be_visible()
        expect(banner).to_have_count(0)

        page.goto(f"/threads/{thread_id}")
        page.locator("textarea[name=body]").fill(reply)
        page.locator("button[name=submit]").click()
        expect(page.locator("article.post").last.locator(".post-body")).to_contain_text(reply)
    finally:
        context.close()


def test_a_refused_form_keeps_the_words_without_javascript(
    nojs_page: Page, live_app, create_account, sign_in
):
    """The profile form is shown before confirmation (it is one's own page) but saving
    it is writing for others to read: refused, with the words kept, and sent again from
    the refusal page once the address is confirmed. No JavaScript anywhere."""
    from cop.members.models import Member
    from cop.models import utcnow

    account = create_account(email_confirmed=False, locale="el")
    sign_in(account, nojs_page)
    nojs_page.goto("/members/settings/profile")
    expect(nojs_page.locator(".moderation-banner.unconfirmed")).to_be_visible()
    nojs_page.locator("textarea[name=bio]").fill("Λέξεις που δεν χάνονται")
    nojs_page.locator("main form:has(textarea[name=bio]) button[type=submit]").click()
    kept = nojs_page.locator("main section textarea[name=bio]")
    expect(kept).to_have_value("Λέξεις που δεν χάνονται")  # (axe needs JavaScript: below)

    with live_app.app_context():
        db.session.get(Member, account.id).email_confirmed_at = utcnow()
        db.session.commit()
        db.session.remove()
    nojs_page.locator("main section form button[type=submit]").click()
    expect(nojs_page.locator(".flash-success")).to_be_visible()
    expect(nojs_page.locator(".profile-bio")).to_contain_text("Λέξεις που δεν χάνονται")


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_community_pages_pass_axe(browser, base_url, live_app, create_account, locale):
    from cop.members.models import Role

    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page = context.new_page()
        found = []
        for path in ("/pages/", "/pages/code-of-conduct", "/pages/privacy", "/pages/help"):
            page.goto(path)
            if violations := axe_violations(page):
                found.append(f"{path}: {violations}")
        admin = create_account(locale=locale, role=Role.ADMIN)
        page.goto("/auth/sign-in")
        page.locator("input[name=email]").fill(admin.email)
        page.locator("input[name=password]").fill(admin.password)
        page.locator("form:has(input[name=password]) [type=submit]").click()
        for path in ("/pages/terms/edit", "/pages/privacy/changed?next=/"):
            page.goto(path)
            if violations := axe_violations(page):
                found.append(f"{path}: {violations}")
        assert not found, "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_banner_and_the_refused_form_pass_axe(page: Page, create_account, sign_in, locale):
    sign_in(create_account(email_confirmed=False, locale=locale))
    page.goto("/members/settings/profile")
    expect(page.locator(".moderation-banner.unconfirmed")).to_be_visible()
    assert_accessible(page)
    page.locator("textarea[name=bio]").fill("سطر أول\nΔεύτερη γραμμή")
    page.locator("main form:has(textarea[name=bio]) button[type=submit]").click()
    expect(page.locator("main section textarea[name=bio]")).to_be_visible()
    assert_accessible(page)


def test_an_admin_publishes_a_material_change_and_a_member_sees_it_once(
    browser, base_url, live_app, create_account, sign_in
):
    from cop.members.models import Role

    admin_context = browser.new_context(base_url=base_url, locale="en")
    member_context = browser.new_context(base_url=base_url, locale="el")
    try:
        member_page = member_context.new_page()
        sign_in(create_account(locale="el"), member_page)
        admin_page = admin_context.new_page()
        sign_in(create_account(role=Role.ADMIN), admin_page)
        admin_page.goto("/pages/code-of-conduct/edit?lang=el")
        body = admin_page.locator("textarea[name=body]")
        body.fill(body.input_value() + "\n\nΝέος κανόνας: σεβόμαστε τις ώρες ησυχίας.")
        admin_page.locator("input[name=material]").check()
        admin_page.locator("main form:has(textarea[name=body]) button[type=submit]").click()
        expect(admin_page.locator(".page-body")).to_contain_text("Νέος κανόνας")

        member_page.goto("/threads/")
        assert "/pages/code-of-conduct/changed" in member_page.url
        expect(member_page.locator(".page-body")).to_contain_text("Νέος κανόνας")
        member_page.locator("main form button[type=submit]").click()
        member_page.wait_for_url(re.compile(r"/threads/$"))
        member_page.goto("/")
        assert "/changed" not in member_page.url
    finally:
        admin_context.close()
        member_context.close()
        with live_app.app_context():  # the next tests' members owe nothing
            from cop.extensions import cache
            from cop.pages.models import PageRevision

            db.session.execute(db.delete(PageRevision))
            db.session.commit()
            cache.clear()
            db.session.remove()
