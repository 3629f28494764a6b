"""Journey of event notices, in Arabic and in Spanish: a member watches a country from
the events page, an organiser publishes an event there, the member hears of it, stops
the watch from the email preferences; a member on the waiting list is told of their
place. Then axe on the pages this adds to (en, ar, el): 0 violations."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.slow
_numbers = itertools.count(1)


def _publish(live_app, organiser_id: int, title: str, *, capacity=None, programme_slug=None):
    """An organiser publishes an event in Spain (in the app, as the form would)."""
    from cop.events import services
    from cop.events.models import EventFormat, Programme
    from cop.members.models import Member
    from cop.models import utcnow
    from cop.threads.models import Category

    with live_app.app_context():
        organiser = db.session.get(Member, organiser_id)
        programme = None
        if programme_slug:
            programme = db.session.scalar(
                db.select(Programme).where(Programme.slug == programme_slug)
            )
            if programme is None:
                programme = services.create_programme(
                    actor=organiser, slug=programme_slug, title="Escuela mediterránea",
                    description="", language="es",
                )  # fmt: skip
        start = utcnow().replace(microsecond=0) + timedelta(days=12)
        fields = services.EventFields(
            title=title, language="es", description="Un día de trabajo.",
            format=EventFormat.IN_PERSON, starts_at=start, ends_at=start + timedelta(hours=3),
            timezone="Europe/Madrid", country="ES", city="Valencia", venue="Casa de la Cultura",
            capacity=capacity, programme=programme,
        )  # fmt: skip
        event = services.create_event(actor=organiser, fields=fields)
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        services.publish_event(event, actor=organiser, category=table)
        db.session.commit()
        event_id = event.id
        db.session.remove()
    return event_id


@pytest.mark.parametrize("locale, direction", [("ar", "rtl"), ("es", "ltr")])
def test_a_member_watching_a_country_hears_of_a_new_event_and_stops_it(
    page: Page, live_app, create_account, sign_in, locale, direction
):
    reader = create_account(locale=locale)
    organiser = create_account(locale="en")
    sign_in(reader)
    page.goto("/events/?country=ES")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.locator(".event-watch button[value=watch]").click()
    expect(page.locator(".event-watch button[value=unwatch]")).to_be_visible()

    title = f"Taller de coproducción {next(_numbers)} ({locale})"
    event_id = _publish(live_app, organiser.id, title)

    page.reload()
    expect(page.locator(".notifications-link .unread-count")).to_contain_text("1")
    page.locator(".notifications-link").click()
    item = page.locator(".notification.is-unread").first
    expect(item).to_contain_text(title)
    item.locator("button.primary").click()
    expect(page).to_have_url(f"{page.url.split('/events/')[0]}/events/{event_id}")

    page.goto("/notifications/settings")
    watch = page.locator(".event-watch-list li")
    expect(watch).to_have_count(1)
    watch.locator("button[value=unwatch]").click()
    expect(page.locator(".event-watch-list li")).to_have_count(0)
    assert page.url.endswith("/notifications/settings")


@pytest.mark.parametrize("locale", ["ar", "es"])
def test_a_member_on_the_waiting_list_is_told_of_their_place(
    page: Page, browser, base_url, live_app, create_account, sign_in, outbox, locale
):
    waiting, going = create_account(locale=locale), create_account(locale="en")
    organiser = create_account()
    event_id = _publish(live_app, organiser.id, f"Webinario {next(_numbers)}", capacity=1)
    context = browser.new_context(base_url=base_url)
    other = context.new_page()
    sign_in(going, other)
    other.goto(f"/events/{event_id}")
    other.locator(f"form[action='/events/{event_id}/register'] [type=submit]").click()
    sign_in(waiting)
    page.goto(f"/events/{event_id}")
    page.locator(f"form[action='/events/{event_id}/register'] [type=submit]").click()
    other.goto(f"/events/{event_id}")
    other.locator(f"form[action='/events/{event_id}/unregister'] [type=submit]").click()
    context.close()

    page.goto("/notifications/")
    expect(page.locator(".notification.is-unread").first).to_be_visible()
    mine = [m for m in outbox if m.to == [waiting.email]]
    assert len(mine) == 1
    html = mine[0].alternatives[0][0]
    assert f'<html lang="{locale}"' in html and f"/events/{event_id}" in mine[0].body


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_pages_of_watches_and_event_notices_pass_axe(
    page: Page, live_app, create_account, sign_in, locale
):
    reader = create_account(locale=locale)
    organiser = create_account()
    sign_in(reader)
    page.goto("/events/?country=ES")
    page.locator(".event-watch button[value=watch]").click()
    page.goto("/events/programmes/e2e-school")  # made below, after a first look
    _publish(live_app, organiser.id, f"Jornada {next(_numbers)}", programme_slug="e2e-school")
    page.goto("/events/programmes/e2e-school")
    page.locator(".event-watch button[value=watch]").click()
    found = []
    for path in ("/events/?country=ES", "/events/programmes/e2e-school", "/notifications/",
                 "/notifications/settings"):  # fmt: skip
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            found.append(f"{path}:\n  " + "\n  ".join(violations))
    assert not found, "\n".join(found)
