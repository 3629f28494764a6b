"""Watching a country or a programme from the events pages, stopping it from the email
preferences; the event notices in the notifications list and in emails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from cop.events import registration, services, watches
from cop.events.models import CountryWatch, Programme, ProgrammeWatch
from cop.i18n import FSI, PDI
from cop.members.models import Role
from cop.notifications import reminders
from cop.notifications.outbox import deliver_immediate
from tests.conftest import build_app
from tests.corpora import naughty_sample
from tests.events import conftest as event_fixtures
from tests.events.conftest import fields
from tests.notifications.conftest import notifications_of

# The events fixtures, for these tests of their notices.
make_event = event_fixtures.make_event
table = event_fixtures.table

ROLES = ("anonymous", "member", "organiser", "moderator", "admin", "suspended")


@pytest.fixture
def cast(db, make_member):
    """One member of each kind, and a programme."""
    from cop.models import utcnow
    from cop.moderation import sanctions

    admin = make_member(role=Role.ADMIN)
    people = {
        "anonymous": None,
        "member": make_member(),
        "organiser": make_member(),
        "moderator": make_member(role=Role.MODERATOR),
        "admin": admin,
        "suspended": make_member(),
    }
    services.grant_organiser_role(people["organiser"], country="ES", actor=admin)
    sanctions.suspend_member(
        people["suspended"], moderator=admin, until=utcnow() + timedelta(days=2), reason="calm"
    )
    programme = Programme(slug="med-school", title="Escuela mediterránea", language="es")
    db.session.add(programme)
    db.session.commit()
    return people, programme


def _watched(db, member, programme) -> tuple[bool, bool]:
    db.session.expire_all()
    country = db.session.get(CountryWatch, (member.id, "ES")) is not None
    return country, db.session.get(ProgrammeWatch, (member.id, programme.id)) is not None


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_member_may_watch_and_unwatch_and_visitors_are_sent_to_sign_in(
    client, db, login, cast, role
):
    people, programme = cast
    member = people[role]
    if member is not None:
        login(member)
    country_url, programme_url = "/events/countries/es/watch", "/events/programmes/med-school/watch"
    for url in (country_url, programme_url):
        response = client.post(url, data={"action": "watch"})
        assert response.status_code == 302
        if member is None:
            assert "/auth/sign-in" in response.headers["Location"]
    if member is None:
        assert db.session.scalars(select(CountryWatch)).all() == []
        return
    assert _watched(db, member, programme) == (True, True)
    assert client.post(country_url, data={"action": "watch"}).status_code == 302  # again
    for url in (country_url, programme_url):
        assert client.post(url, data={"action": "unwatch"}).status_code == 302
    assert _watched(db, member, programme) == (False, False)


def test_unknown_countries_programmes_and_actions_are_refused(client, login, cast):
    people, _programme = cast
    login(people["member"])
    assert client.post("/events/countries/XX/watch", data={"action": "watch"}).status_code == 404
    assert client.post("/events/countries/ESP/watch", data={"action": "watch"}).status_code == 404
    assert client.post("/events/programmes/nope/watch", data={"action": "watch"}).status_code == 404
    assert client.post("/events/countries/ES/watch", data={"action": "mute"}).status_code == 400
    assert client.get("/events/countries/ES/watch").status_code == 405


def test_the_watch_forms_need_their_csrf_token(database_url, app, db, cast):
    people, _programme = cast
    strict = build_app(database_url, WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    page = client.get("/auth/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/auth/sign-in",
        data={"email": people["member"].email, "password": "a long and quiet river",
              "csrf_token": token},
    )  # fmt: skip
    assert response.status_code == 302
    refused = client.post("/events/countries/ES/watch", data={"action": "watch"})
    assert refused.status_code == 400
    assert db.session.scalars(select(CountryWatch)).all() == []


@pytest.mark.parametrize("target", naughty_sample(40))
def test_a_naughty_next_address_never_leads_off_the_site(client, login, cast, target):
    people, _programme = cast
    login(people["member"])
    response = client.post("/events/countries/ES/watch", data={"action": "watch", "next": target})
    assert response.status_code in (302, 400)
    location = response.headers.get("Location", "/")
    assert location.startswith("/") and not location.startswith("//")


def test_the_buttons_show_on_the_country_page_and_the_programme_page(client, login, cast):
    people, programme = cast
    page = client.get("/events/?country=ES").get_data(as_text=True)
    assert "/events/countries/ES/watch" not in page  # visitors: no button
    login(people["member"])
    page = client.get("/events/?country=ES").get_data(as_text=True)
    assert 'action="/events/countries/ES/watch"' in page and 'value="watch"' in page
    assert "/countries/" not in client.get("/events/").get_data(as_text=True)
    client.post(
        "/events/countries/ES/watch", data={"action": "watch", "next": "/events/?country=ES"}
    )
    page = client.get("/events/?country=ES").get_data(as_text=True)
    assert 'value="unwatch"' in page
    page = client.get(f"/events/programmes/{programme.slug}").get_data(as_text=True)
    assert 'action="/events/programmes/med-school/watch"' in page and 'value="watch"' in page


def test_the_email_preferences_list_the_event_kinds_and_the_watches_to_stop(
    client, db, login, cast
):
    people, programme = cast
    member = people["member"]
    login(member)
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert "Reminders of events I am going to" in page and 'name="new_event"' in page
    assert "You watch no country and no programme" in page
    watches.watch_country(member, "ES")
    watches.watch_programme(member, programme.id)
    db.session.commit()
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert "Events in Spain" in page and "<bdi>Escuela mediterránea</bdi>" in page
    response = client.post(
        "/events/countries/ES/watch",
        data={"action": "unwatch", "next": "/notifications/settings"},
    )
    assert response.headers["Location"].endswith("/notifications/settings")
    assert _watched(db, member, programme) == (False, True)
    form = dict.fromkeys(("reply", "mention", "quote", "new_thread", "new_version", "moderation", "approved", "event_reminder", "event_changed", "event_promoted", "new_event"), "none")  # fmt: skip
    form["event_reminder"] = "daily"
    assert client.post("/notifications/settings", data=form).status_code == 302
    from cop.notifications import services as notices
    from cop.notifications.models import Kind, Mode

    assert notices.email_modes(member.id)[Kind.EVENT_REMINDER] == Mode.DAILY
    bad = client.post("/notifications/settings", data={**form, "new_event": "hourly"})
    assert bad.status_code == 422 and 'selected value="daily"' in bad.get_data(as_text=True)


def test_the_notifications_list_shows_event_notices_with_their_links(
    client,
    db,
    login,
    make_member,
    make_event,
):
    ana = make_member(locale="es")
    event = make_event(title="Taller «Co-producción»", capacity=1)
    registration.register(event, ana)
    services.cancel_event(event, actor=event.organisers[0])
    db.session.commit()
    login(ana)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "<bdi>Taller «Co-producción»</bdi>" in page
    (notice,) = notifications_of(db, ana)
    response = client.post(f"/notifications/{notice.id}/open")
    assert response.headers["Location"].endswith(f"/events/{event.id}")


def test_a_reminder_email_is_in_the_members_language_with_isolated_values(
    app,
    db,
    make_member,
    make_event,
):
    from cop.models import utcnow

    title = "ورشة الإنتاج المشترك"
    salma = make_member(locale="ar", country="PT", display_name="سلمى")
    start = utcnow().replace(microsecond=0) + timedelta(hours=6)
    event = make_event(title=title, starts_at=start, timezone="Asia/Amman", country="JO",
                       venue="دار الأندى", city="عمّان")  # fmt: skip
    registration.register(event, salma)
    db.session.commit()
    assert reminders.send_due_reminders() == 1
    deliver_immediate()
    (message,) = app.extensions["mailman"].outbox
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    assert message.to == [salma.email]
    assert f"{FSI}{title}{PDI}" in message.subject and f"{FSI}{title}{PDI}" in message.body
    assert '<html lang="ar" dir="rtl">' in html and f"<bdi>{title}</bdi>" in html
    assert "<bdi>دار الأندى, عمّان</bdi>" in html
    with app.test_request_context(), force_locale("ar"):
        sentence = gettext("Reminder: “%(title)s” takes place on %(time)s.")
        place = gettext("Place: %(place)s.").split("%(place)s")[0]
    opening = sentence.split("%(title)s")[0].rstrip("«“ ")
    assert opening and not opening.startswith("Reminder") and opening in message.body
    assert place in message.body and place not in message.subject  # the subject: one sentence
    assert f"/events/{event.id}" in message.body and "/notifications/unsubscribe/" in html


@pytest.mark.parametrize("text", naughty_sample(60))
def test_naughty_titles_and_places_are_told_escaped_and_isolated(
    app,
    db,
    make_member,
    make_event,
    text,
):
    from cop.notifications.messages import describe

    ana = make_member()
    event = make_event(title=text.strip()[:150] or "x", capacity=5)  # a thread title's limit
    registration.register(event, ana)
    services.update_event(
        event,
        actor=event.organisers[0],
        fields=fields(
            title=event.title, venue=text[:200], city=text[:200], starts_at=event.starts_at
        ),
        version=event.version,
    )
    db.session.commit()
    (notice,) = notifications_of(db, ana)
    with app.test_request_context(), force_locale("en"):
        html = str(describe(notice, html=True))
        plain = describe(notice)
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert plain.count(FSI) == plain.count(PDI) >= 2


def _queries(client, count_queries, path: str) -> int:
    with count_queries() as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_with_watches_and_event_notices_run_a_fixed_number_of_queries(
    client, db, login, make_member, make_event, cast, count_queries, no_page_cache
):
    people, programme = cast
    reader = people["member"]
    login(reader)
    watches.watch_country(reader, "ES")
    watches.watch_programme(reader, programme.id)
    db.session.commit()
    paths = ("/events/?country=ES", "/events/programmes/med-school", "/notifications/",
             "/notifications/settings")  # fmt: skip

    def grow(count: int) -> list[int]:
        for n in range(count):
            event = make_event(title=f"Workshop {n}", programme=programme, capacity=1)
            registration.register(event, make_member())
            registration.register(event, reader)  # waiting
            services.cancel_event(event, actor=event.organisers[0])
        db.session.commit()
        return [_queries(client, count_queries, path) for path in paths]

    small, large = grow(1), grow(5)
    assert small == large
    assert max(large) <= 15
