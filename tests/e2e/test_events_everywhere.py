"""Events everywhere else, in a browser: the home page's next events, an event in
search, on a profile and in moderation pass axe in English, Arabic and Greek; a member
reports an event and a moderator hides it from the queue, without JavaScript."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page

from cop.extensions import db
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.slow

LOCALES = ["en", "ar", "el"]


def _event(live_app, organiser_id: int, title: str) -> int:
    """A published event in Amman, ten days ahead, organised by the account."""
    from cop.events import services
    from cop.events.models import EventFormat
    from cop.members.models import Member
    from cop.models import utcnow
    from cop.threads.models import Category

    with live_app.app_context():
        organiser = db.session.get(Member, organiser_id)
        starts = utcnow().replace(microsecond=0, second=0) + timedelta(days=10)
        fields = services.EventFields(
            title=title,
            language="ar",
            description="ورشة عن **الاقتصاد التضامني**.",
            format=EventFormat.MIXED,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            timezone="Asia/Amman",
            country="JO",
            city="عمّان",
            venue="بيت الثقافة",
            capacity=20,
        )
        event = services.create_event(actor=organiser, fields=fields)
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        services.publish_event(event, actor=organiser, category=table)
        organiser.show_events_attended = True
        db.session.commit()
        event_id = event.id
        db.session.remove()
    return event_id


@pytest.mark.parametrize("locale", LOCALES)
def test_the_pages_showing_events_pass_axe(browser, base_url, live_app, create_account, locale):
    from cop.members.models import Role, Visibility

    organiser = create_account(
        locale=locale, display_name="منظِّمة الورشة", visibility=Visibility.PUBLIC
    )
    event_id = _event(live_app, organiser.id, "ورشة التضامن 2031")
    moderator = create_account(locale=locale, role=Role.MODERATOR)
    pages = {
        "home": "/",
        "search, events": "/search/?q=التضامن&kind=event",
        "a profile with events": f"/members/{organiser.handle}",
    }
    staff_pages = {
        **pages,
        "moderate an event": f"/moderation/event/{event_id}",
        "report an event": f"/moderation/report/event/{event_id}",
        "queue of events": "/moderation/?kind=event",
        "preferences": "/members/settings/preferences",
    }
    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page: Page = context.new_page()
        found = []
        for who, paths in (("visitor", pages), ("moderator", staff_pages)):
            if who == "moderator":
                page.goto("/auth/sign-in")
                page.locator("input[name=email]").fill(moderator.email)
                page.locator("input[name=password]").fill(moderator.password)
                page.locator("form:has(input[name=password]) [type=submit]").click()
                page.wait_for_load_state()
            for name, path in paths.items():
                page.goto(path)
                assert page.locator(f'a[href="/events/{event_id}"]').count() or name in (
                    "preferences",
                    "report an event",
                    "queue of events",
                ), (who, name)
                violations = axe_violations(page)
                if violations:
                    found.append(f"{who} {name} ({path}):\n  " + "\n  ".join(violations))
        assert not found, "\n".join(found)
    finally:
        context.close()


def test_a_report_then_hiding_takes_the_event_away_without_javascript(
    browser, base_url, live_app, create_account
):
    from cop.members.models import Role

    organiser = create_account(locale="es")
    reporter = create_account(locale="es")
    moderator = create_account(locale="es", role=Role.MODERATOR)
    event_id = _event(live_app, organiser.id, "Taller para ocultar 2031")
    as_reporter = browser.new_context(base_url=base_url, locale="es", java_script_enabled=False)
    try:
        page = as_reporter.new_page()
        _sign_in(page, reporter)
        page.goto(f"/events/{event_id}")
        page.locator(f'a[href="/moderation/report/event/{event_id}"]').click()
        page.locator("select[name=reason]").select_option("spam")
        page.locator("textarea[name=note]").fill("Publicidad")
        page.locator("main form [type=submit]").first.click()
        assert page.url.endswith(f"/events/{event_id}")
    finally:
        as_reporter.close()
    as_moderator = browser.new_context(base_url=base_url, locale="es", java_script_enabled=False)
    try:
        page = as_moderator.new_page()
        _sign_in(page, moderator)
        page.goto("/moderation/?kind=event")
        assert "Taller para ocultar 2031" in page.content()
        page.goto(f"/moderation/event/{event_id}")
        page.locator("#hide-reason").fill("Publicidad")
        page.locator(f"form[action$='/moderation/event/{event_id}/hide'] [type=submit]").click()
        response = page.goto(f"/events/{event_id}")
        assert response.status == 200  # moderators still open it, marked
        assert page.locator(".flash-error").count() >= 1
    finally:
        as_moderator.close()
    visitor = browser.new_context(base_url=base_url, locale="es", java_script_enabled=False)
    try:
        page = visitor.new_page()
        assert page.goto(f"/events/{event_id}").status == 404
        page.goto("/events/")
        assert page.locator(f'a[href="/events/{event_id}"]').count() == 0
    finally:
        visitor.close()


def _sign_in(page: Page, account) -> None:
    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/auth/sign-in" not in page.url
