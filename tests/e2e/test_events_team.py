"""Programmes and an event's team and materials in the browser: axe finds nothing on
the new pages in English, Arabic and Greek, and an organiser, in Arabic and without
JavaScript, creates a programme, adds a co-organiser and links a library resource."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cop.extensions import db
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_places(live_app) -> dict[str, str]:
    """The demo's Amman workshop (an event with a team) and the programme's slug."""
    from cop.demo import event_texts
    from cop.events.models import Event
    from cop.resources.models import Resource

    with live_app.app_context():
        amman = next(e for e in event_texts.EVENTS if e.key == "jordan")
        found = {
            "event": str(db.session.scalar(db.select(Event.id).where(Event.title == amman.title))),
            "programme": event_texts.PROGRAMME_SLUG,
            "resource": str(
                db.session.scalar(
                    db.select(Resource.id).where(Resource.title.like("Co-producing%"))
                )
            ),
        }
        db.session.remove()
    return found


def _admin_context(browser, base_url, create_account, locale: str):
    from cop.members.models import Role

    account = create_account(locale=locale, role=Role.ADMIN)
    context = browser.new_context(base_url=base_url, locale=locale)
    page = context.new_page()
    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/auth/sign-in" not in page.url
    return context, page


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_programme_and_team_pages_pass_axe(
    browser, base_url, create_account, demo_places, locale: str
):
    context, page = _admin_context(browser, base_url, create_account, locale)
    try:
        found = []
        for path in (
            "/events/programmes",
            f"/events/programmes/{demo_places['programme']}",
            "/events/programmes/new",
            f"/events/programmes/{demo_places['programme']}/edit",
            f"/events/{demo_places['event']}/team",
            f"/resources/{demo_places['resource']}",
        ):
            page.goto(path)
            violations = axe_violations(page)
            if page.locator("html").get_attribute("lang") != locale:
                violations.append(f"not in {locale}")
            if violations:
                found.append(f"{path}:\n  " + "\n  ".join(violations))
        # A form sent wrong: its errors pass too.
        page.goto(f"/events/{demo_places['event']}/team")
        page.locator("input[name=handle]").fill("nobody-here-at-all")
        page.locator("form:has(input[name=handle]) [type=submit]").click()
        page.wait_for_load_state()
        violations = axe_violations(page)
        if violations:
            found.append("team page with an error:\n  " + "\n  ".join(violations))
        assert not found, "\n".join(found)
    finally:
        context.close()


def test_an_organiser_builds_a_programme_and_a_team_in_arabic_without_javascript(
    browser, base_url, create_account, demo_places
):
    colleague = create_account(locale="ar", display_name="رنا سليمان")
    context, _page = _admin_context(browser, base_url, create_account, "ar")
    cookies = context.cookies()
    context.close()
    nojs = browser.new_context(base_url=base_url, locale="ar", java_script_enabled=False)
    nojs.add_cookies(cookies)
    page: Page = nojs.new_page()
    try:
        page.goto("/events/programmes/new")
        page.locator("input[name=title]").fill("برنامج تدريبي تجريبي")
        page.locator("input[name=slug]").fill("barnamaj-tajribi")
        page.locator("select[name=language]").select_option("ar")
        page.locator("textarea[name=description]").fill("وحدات **البرنامج**")
        page.locator("form [type=submit].primary").click()
        page.wait_for_load_state()
        assert page.url.endswith("/events/programmes/barnamaj-tajribi")
        assert page.locator("h1").inner_text() == "برنامج تدريبي تجريبي"
        assert page.locator(".user-content strong").inner_text() == "البرنامج"

        team = f"/events/{demo_places['event']}/team"
        page.goto(team)
        page.locator("input[name=handle]").fill("@" + colleague.handle)
        page.locator("form:has(input[name=handle]) [type=submit]").click()
        page.wait_for_load_state()
        assert page.url.endswith(team)
        assert page.locator(".team-list", has_text="رنا سليمان").count() == 1

        page.locator("input[name=reference]").fill(
            f"{base_url}/resources/{demo_places['resource']}"
        )
        page.locator("form:has(input[name=reference]) [type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".team-list a", has_text="Co-producing").count() == 1
        page.goto(f"/resources/{demo_places['resource']}")
        assert page.locator(f".resource-events a[href='/events/{demo_places['event']}']").count()
    finally:
        nojs.close()
