"""Journey of an event, in Arabic and in Spanish, on a 360 px phone, with and without
JavaScript: an organiser creates an event (its times typed in the event's own time zone)
and publishes it; a member registers and takes the only place; a second member joins the
waiting list; the first cancels and the second is promoted, and sees it; the second
subscribes to their private calendar feed: copies the address, fetches it (no cookies,
as a calendar application does) and finds the event in the .ics, parsed with icalendar.

Every page of the journey is checked as it goes: the language and direction of the
interface, and no horizontal scroll at 360 px.
"""

from __future__ import annotations

import urllib.request
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Page, expect

from cop.extensions import db

WIDTH = 360

JOURNEYS = {
    # locale: (the organiser's country, the event's zone, the members' zone, a title)
    "ar": ("JO", "Asia/Amman", "Europe/Lisbon", "ورشة الاقتصاد الاجتماعي في عمّان"),
    "es": ("ES", "Europe/Madrid", "Europe/Madrid", "Taller de economía social en Valencia"),
}


def _text(live_app, locale: str, message: str) -> str:
    """A message of the interface as the live app says it in `locale`."""
    with live_app.test_request_context(), force_locale(locale):
        return _(message)


def _check_page(page: Page, locale: str) -> None:
    """The interface's language and direction, and no horizontal scroll at 360 px."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", locale)
    expect(html).to_have_attribute("dir", "rtl" if locale == "ar" else "ltr")
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url}: {width} px wide on a {inner} px screen"


@pytest.fixture
def phone(browser, base_url, create_account):
    """phone(locale, javascript, **account fields) -> a signed-in page on a 360 px screen."""
    contexts = []

    def open_as(locale: str, javascript: bool, **fields) -> tuple[Page, object]:
        account = create_account(locale=locale, **fields)
        context = browser.new_context(
            base_url=base_url,
            locale=locale,
            java_script_enabled=javascript,
            viewport={"width": WIDTH, "height": 740},
        )
        contexts.append(context)
        page = context.new_page()
        page.goto("/auth/sign-in")
        page.locator("input[name=email]").fill(account.email)
        page.locator("input[name=password]").fill(account.password)
        page.locator("form:has(input[name=password]) [type=submit]").click()
        page.wait_for_load_state()
        assert "/auth/sign-in" not in page.url, "sign-in failed"
        return page, account

    yield open_as
    for context in contexts:
        context.close()


def _grant_organiser_role(live_app, member_id: int, country: str) -> None:
    from cop.events import services
    from cop.members.models import Member, Role

    with live_app.app_context():
        admin = db.session.scalar(db.select(Member).where(Member.role == Role.ADMIN).limit(1))
        member = db.session.get(Member, member_id)
        services.grant_organiser_role(member, country=country, actor=admin)
        db.session.commit()
        db.session.remove()


def _create_event(page: Page, locale: str, *, title: str, country: str, zone: str, day: date):
    """Fill the new event form (no script needed) and save the draft."""
    page.goto("/events/")
    _check_page(page, locale)
    page.locator("a[href='/events/new']").first.click()
    _check_page(page, locale)
    page.locator("input[name=title]").fill(title)
    page.locator("select[name=language]").select_option(locale)
    page.locator("textarea[name=description]").fill("**" + title + "**")
    page.locator("select[name=format]").select_option("in_person")
    page.locator("select[name=country]").select_option(country)
    page.locator("input[name=city]").fill("عمّان" if locale == "ar" else "Valencia")
    page.locator("input[name=venue]").fill("بيت الثقافة" if locale == "ar" else "La Nau")
    page.locator("select[name=delivery_languages]").select_option([locale])
    page.locator("input[name=timezone]").fill(zone)
    page.locator("input[name=start_date]").fill(day.isoformat())
    page.locator("input[name=start_time]").fill("18:00")
    page.locator("input[name=end_date]").fill(day.isoformat())
    page.locator("input[name=end_time]").fill("20:30")
    page.locator("input[name=capacity]").fill("1")
    page.locator("form:has(input[name=title]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/events/new" not in page.url, page.locator(".error").all_inner_texts()


def _status(page: Page) -> str:
    return page.locator(".event-registration .status").inner_text().strip()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("locale", ["ar", "es"])
def test_an_event_is_created_filled_and_subscribed_to_on_a_phone(
    live_app, phone, outbox, locale: str, javascript: bool
):
    from icalendar import Calendar

    country, zone, members_zone, title = JOURNEYS[locale]
    title = f"{title} {'js' if javascript else 'nojs'}"
    day = date.today() + timedelta(days=40)
    starts = datetime.combine(day, time(18, 0), tzinfo=ZoneInfo(zone))
    say = lambda message: _text(live_app, locale, message)  # noqa: E731

    # The organiser creates the event in its own time zone and publishes it.
    organiser, organiser_account = phone(locale, javascript, country=country)
    _grant_organiser_role(live_app, organiser_account.id, country)
    _create_event(organiser, locale, title=title, country=country, zone=zone, day=day)
    event_path = urlsplit(organiser.url).path
    _check_page(organiser, locale)
    expect(organiser.locator("h1")).to_have_text(title)
    start_time = organiser.locator(".event-details time").first
    expect(start_time).to_have_attribute("datetime", starts.astimezone(ZoneInfo("UTC")).isoformat())
    organiser.locator("form.publish-form button[type=submit]").click()
    expect(organiser.locator(".flash-success")).to_be_visible()
    expect(organiser.locator("form.publish-form")).to_have_count(0)
    _check_page(organiser, locale)

    # A member registers and takes the only place.
    first, _first_account = phone(locale, javascript, country=country, timezone=members_zone)
    first.goto(event_path)
    _check_page(first, locale)
    if members_zone != zone:  # the reader's own time beside the event's
        expect(first.locator(".event-when-reader")).to_be_visible()
    first.locator(f"form[action='{event_path}/register'] button[type=submit]").click()
    expect(first.locator(".flash-success")).to_contain_text(
        say("You are registered. See you there!")
    )
    assert _status(first) == say("You are going.")
    _check_page(first, locale)

    # The event is full: a second member goes on the waiting list.
    second, second_account = phone(locale, javascript, country=country, timezone=members_zone)
    second.goto(event_path)
    button = second.locator(f"form[action='{event_path}/register'] button[type=submit]")
    expect(button).to_have_text(say("Join the waiting list"))
    button.click()
    expect(second.locator(".flash-success")).to_contain_text(
        say("The event is full: you are on the waiting list.")
    )
    assert _status(second) == say(
        "You are on the waiting list. You will be told if a place frees up."
    )
    _check_page(second, locale)

    # The first cancels: the second is promoted.
    first.locator(f"form[action='{event_path}/unregister'] button[type=submit]").click()
    expect(first.locator(".flash-success")).to_contain_text(
        say("You are no longer registered for this event.")
    )
    expect(first.locator(".event-registration .status")).to_have_count(0)
    second.goto(event_path)
    assert _status(second) == say("You are going.")
    _check_page(second, locale)
    if _notices_of_promotion(live_app):
        second.goto("/notifications/")
        expect(second.locator(".notification", has_text=title)).to_have_count(1)

    # The organiser sees who is going and who is not.
    organiser.goto(f"{event_path}/registrations")
    _check_page(organiser, locale)
    rows = organiser.locator("table.registrations tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(second_account.display_name)

    # The second subscribes to their private feed: copy the address, fetch it.
    second.goto("/events/calendar/subscription")
    _check_page(second, locale)
    second.locator("form[action='/events/calendar/subscription'] button[type=submit]").click()
    _check_page(second, locale)
    address = second.locator("input#calendar-https").input_value()
    assert address.startswith("http://127.0.0.1:") and "/events/calendar/private/" in address
    assert second.locator("a[href^='webcal://']").count() == 1
    with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310 -- our own server
        assert response.headers["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.read())
    found = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == title]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    event = found[0]
    assert event["DTSTART"].dt == starts
    assert str(event["DTSTART"].dt.tzinfo) == zone
    assert [str(t["TZID"]) for t in calendar.walk("VTIMEZONE")] == [zone]


def _notices_of_promotion(live_app) -> bool:
    """Whether a notice tells a promoted member (notifications may not hear of it yet)."""
    from cop import signals

    if "notifications.index" not in live_app.view_functions:
        return False
    return any(
        getattr(receiver, "__module__", "").startswith("cop.notifications")
        for receiver in signals.member_promoted.receivers_for(object())
    )
