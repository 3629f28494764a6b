"""Quality gates for the events pages: axe-core finds nothing, of any impact, and every
page fits a 360 px phone (in Arabic too).

In English, Arabic (right to left) and Greek: the events page (upcoming and past), the
month view, a programme, an event as a visitor, as a member going (the online link,
"I am not going") and as one on the waiting list, the event form (empty and refused with
its errors), the registrations of a past event (attendance to mark), the participation
figures (charts and tables), the calendar subscription page and the organisers page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page

from cop.extensions import db
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.slow

LOCALES = ["en", "ar", "el"]


@pytest.fixture(scope="module")
def event_places(live_app) -> dict:
    """A programme with an upcoming mixed event (full, with a waiting list and the
    questions for registrants) and a past one whose attendance is marked; the emails of
    a member going and of one waiting."""
    from cop.auth.services import register_member
    from cop.events import registration, services
    from cop.events.models import EventFormat, EventRegistration, RegistrationStatus
    from cop.members.models import Role
    from cop.models import utcnow
    from cop.threads.models import Category
    from tests.conftest import PASSWORD

    with live_app.app_context():
        admin = register_member(
            display_name="Άννα Διοργανώτρια",
            email="events-axe-admin@example.org",
            password=PASSWORD,
            country="GR",
            locale="el",
            email_confirmed=True,
            role=Role.ADMIN,
        )
        table = db.session.scalar(
            db.select(Category).where(Category.is_archived.is_(False)).order_by(Category.id)
        )
        programme = services.create_programme(
            actor=admin,
            slug="axe-programme",
            title="برنامج التدريب على الإنتاج المشترك",
            description="وحدات **التدريب** الوطنية",
            language="ar",
        )
        starts = utcnow().replace(microsecond=0) + timedelta(days=3)
        upcoming = services.create_event(
            actor=admin,
            fields=services.EventFields(
                title="Εργαστήριο κοινωνικής οικονομίας",
                language="el",
                description="Ένα **εργαστήριο** για την κοινωνική οικονομία.\n\n- ένα\n- δύο",
                format=EventFormat.MIXED,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                timezone="Europe/Athens",
                country="GR",
                city="Θεσσαλονίκη",
                venue="Δημαρχείο",
                address="Βασιλέως Γεωργίου 1",
                online_url="https://meet.example.org/axe",
                delivery_languages=["el", "en"],
                capacity=2,
                registration_deadline=starts - timedelta(days=1),
                programme=programme,
                question_1="Accessibility needs?",
                question_2="Dietary needs?",
            ),
        )
        services.publish_event(upcoming, actor=admin, category=table)
        past_start = utcnow().replace(microsecond=0) - timedelta(days=20)
        past = services.create_event(
            actor=admin,
            fields=services.EventFields(
                title="ورشة العمل الوطنية في عمّان",
                language="ar",
                description="ورشة **العمل** الوطنية",
                format=EventFormat.IN_PERSON,
                starts_at=past_start,
                ends_at=past_start + timedelta(hours=5),
                timezone="Asia/Amman",
                country="JO",
                city="عمّان",
                programme=programme,
            ),
        )
        services.publish_event(past, actor=admin, category=table)
        emails = {}
        for n, name in enumerate(["Lucía García", "سلمى الحسيني", "Νίκος Γεωργίου"]):
            member = register_member(
                display_name=name,
                email=f"events-axe-{n}@example.org",
                password=PASSWORD,
                country="GR",
                locale="en",
                email_confirmed=True,
            )
            row = registration.register(upcoming, member, answer_1="Step-free access")
            emails[row.status.value] = emails.get(row.status.value, member.email)
            db.session.add(
                EventRegistration(
                    event=past,
                    member=member,
                    status=RegistrationStatus.GOING,
                    attended=n != 1,
                    registered_at=past_start - timedelta(days=3),
                )
            )
        services.grant_organiser_role(admin, country="GR", actor=admin)
        db.session.commit()
        found = {
            "upcoming": upcoming.id,
            "past": past.id,
            "programme": programme.slug,
            "month": f"{starts.year}/{starts.month}",
            "going": emails["going"],
            "waiting": emails["waiting"],
            "admin": admin.email,
        }
        db.session.remove()
    return found


def _pages(places: dict, who: str) -> list[tuple[str, str]]:
    event, past = places["upcoming"], places["past"]
    everyone = [
        ("events page", "/events/"),
        ("past events", "/events/?when=past"),
        ("month view", f"/events/month/{places['month']}"),
        ("programme page", f"/events/programmes/{places['programme']}"),
        ("event page", f"/events/{event}"),
    ]
    if who == "visitor":
        return [*everyone, ("past event page", f"/events/{past}")]
    if who in ("going", "waiting"):
        return [
            ("event page", f"/events/{event}"),
            ("calendar subscription page", "/events/calendar/subscription"),
        ]
    return [
        *everyone,
        ("new event form", "/events/new"),
        ("edit form", f"/events/{event}/edit"),
        ("registrations page", f"/events/{event}/registrations"),
        ("registrations of a past event", f"/events/{past}/registrations"),
        ("figures page", "/events/figures"),
        ("calendar subscription page", "/events/calendar/subscription"),
        ("organisers page", "/events/organisers"),
    ]


def _sign_in(page: Page, email: str) -> None:
    from tests.conftest import PASSWORD

    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/auth/sign-in" not in page.url


def _refused_form(page: Page) -> None:
    """The new event form sent back with its errors (end before start, no link)."""
    page.goto("/events/new")
    page.locator("input[name=title]").fill("Ωρ")
    page.locator("select[name=format]").select_option("online")
    page.locator("input[name=start_date]").fill("2031-05-02")
    page.locator("input[name=start_time]").fill("10:00")
    page.locator("input[name=end_date]").fill("2031-05-01")
    page.locator("input[name=end_time]").fill("09:00")
    page.locator("form:has(input[name=title]) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".field.has-error").count() > 0


@pytest.mark.parametrize("who", ["visitor", "going", "waiting", "admin"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_events_pages_pass_axe(
    browser, base_url, live_app, event_places, locale: str, who: str
):
    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page: Page = context.new_page()
        if who != "visitor":
            _speak(live_app, event_places[who], locale)
            _sign_in(page, event_places[who])
        found: list[str] = []
        for name, path in _pages(event_places, who):
            response = page.goto(path)
            assert response is not None and response.status == 200, (path, response)
            found += _check(page, name, path, locale)
        if who == "admin":
            _refused_form(page)
            found += _check(page, "refused event form", "/events/new", locale)
        assert not found, "\n".join(found)
    finally:
        context.close()


def _speak(live_app, email: str, locale: str) -> None:
    """The member's own language (it comes before the browser's): `locale`."""
    from cop.members.models import Member

    with live_app.app_context():
        member = db.session.scalar(db.select(Member).where(Member.email == email))
        member.locale = locale
        db.session.commit()
        db.session.remove()


def _check(page: Page, name: str, path: str, locale: str) -> list[str]:
    violations = axe_violations(page)
    lang = page.locator("html").get_attribute("lang")
    if lang != locale:
        violations.append(f"the page is in {lang!r}, not {locale!r}")
    return [f"{name} ({path}):\n  " + "\n  ".join(violations)] if violations else []


WIDTH = 360


@pytest.mark.parametrize("who", ["visitor", "going", "admin"])
@pytest.mark.parametrize("locale", ["ar", "en"])
def test_the_events_pages_fit_a_360_pixel_screen(
    browser, base_url, live_app, event_places, locale: str, who: str
):
    context = browser.new_context(
        base_url=base_url, locale=locale, viewport={"width": WIDTH, "height": 740}
    )
    try:
        page: Page = context.new_page()
        if who != "visitor":
            _speak(live_app, event_places[who], locale)
            _sign_in(page, event_places[who])
        too_wide = []
        for name, path in _pages(event_places, who):
            page.goto(path)
            assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
            width = page.evaluate("document.documentElement.scrollWidth")
            inner = page.evaluate("window.innerWidth")
            if width > inner:
                too_wide.append(f"{name} ({path}): {width} px > {inner} px")
        assert not too_wide, "\n".join(too_wide)
    finally:
        context.close()


BOX = "(el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; }"
FLIPPED = "(el) => getComputedStyle(el).transform.startsWith('matrix(-1')"


@pytest.mark.parametrize("width", [1280, WIDTH])
def test_the_arabic_month_view_mirrors(browser, base_url, event_places, width: int, tmp_path):
    """The week starts on the right; the previous month is on the right, its arrow
    pointing right (the glyph drawn pointing left, flipped), the next on the left."""
    context = browser.new_context(
        base_url=base_url, locale="ar", viewport={"width": width, "height": 900}
    )
    try:
        page: Page = context.new_page()
        page.goto(f"/events/month/{event_places['month']}")
        page.screenshot(path=tmp_path / "month-ar.png", full_page=True)
        assert page.locator("html").get_attribute("dir") == "rtl"
        days = page.locator(".month-grid thead th")
        assert days.nth(0).evaluate(BOX)["left"] > days.nth(6).evaluate(BOX)["right"]
        previous = page.locator(".month-nav a[rel=prev]")
        following = page.locator(".month-nav a[rel=next]")
        assert previous.evaluate(BOX)["left"] > following.evaluate(BOX)["right"]
        assert previous.locator(".arrow").inner_text().strip() == "←"
        assert previous.locator(".arrow").evaluate(FLIPPED)
        assert following.locator(".arrow").evaluate(FLIPPED)
        # Every weekday's name fits its column (phones show the narrow names).
        for n in range(7):
            fits = days.nth(n).evaluate("(th) => th.scrollWidth <= th.clientWidth")
            assert fits, days.nth(n).inner_text()
        event = page.locator(".month-grid a[href^='/events/']").first
        assert event.get_attribute("dir") == "auto"
    finally:
        context.close()
