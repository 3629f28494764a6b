"""Event pages through the test client: lists, month, event page, forms, CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from cop.events import registration, services
from cop.events.models import Event, EventState, RegistrationStatus
from cop.members.models import Role
from cop.models import utcnow


def test_the_events_page_lists_upcoming_and_past_events(client, make_event):
    make_event(title="Upcoming workshop")
    make_event(title="Past workshop", starts_at=utcnow() - timedelta(days=30))
    make_event(title="Draft workshop", published=False)
    upcoming = client.get("/events/").get_data(as_text=True)
    assert "Upcoming workshop" in upcoming and "Past workshop" not in upcoming
    assert "Draft workshop" not in upcoming
    past = client.get("/events/?when=past").get_data(as_text=True)
    assert "Past workshop" in past and "Upcoming workshop" not in past


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("country=JO", "Amman webinar"),
        ("format=online", "Amman webinar"),
        ("language=ar", "Amman webinar"),
        ("country=ES", "Valencia workshop"),
    ],
)
def test_the_events_page_filters(client, make_event, query, shown):
    from cop.events.models import EventFormat

    make_event(title="Valencia workshop")
    make_event(
        title="Amman webinar",
        country="JO",
        language="ar",
        format=EventFormat.ONLINE,
        online_url="https://meet.example.org/x",
        timezone="Asia/Amman",
    )
    html = client.get(f"/events/?{query}").get_data(as_text=True)
    hidden = {"Amman webinar", "Valencia workshop"} - {shown}
    assert shown in html and hidden.pop() not in html


def test_the_month_view_starts_the_week_on_the_locale_s_first_day(client, make_event, db):
    event = make_event(title="March workshop", starts_at=datetime(2031, 3, 12, 9, tzinfo=UTC))
    assert event.id
    english = client.get("/events/month/2031/3", headers={"Accept-Language": "en"})
    assert english.status_code == 200 and "March workshop" in english.get_data(as_text=True)
    first_header = english.get_data(as_text=True).split('<th scope="col">')[1]
    assert 'title="Sunday"' in first_header  # en: the United States' week
    spanish = client.get("/events/month/2031/3", headers={"Accept-Language": "es"})
    assert 'title="lunes"' in spanish.get_data(as_text=True).split('<th scope="col">')[1]
    arabic = client.get("/events/month/2031/3", headers={"Accept-Language": "ar"})
    html = arabic.get_data(as_text=True)
    assert 'dir="rtl"' in html and 'title="السبت"' in html.split('<th scope="col">')[1]


@pytest.mark.parametrize("path", ["/events/month/99999/1", "/events/month/2030/13"])
def test_impossible_months_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_online_link_is_shown_only_to_participants_and_organisers(
    client, login, make_member, make_event
):
    from cop.events.models import EventFormat

    organiser = make_member()
    event = make_event(
        organiser=organiser,
        format=EventFormat.MIXED,
        online_url="https://meet.example.org/secret-room",
    )
    assert "secret-room" not in client.get(f"/events/{event.id}").get_data(as_text=True)
    member = make_member()
    login(member)
    assert "secret-room" not in client.get(f"/events/{event.id}").get_data(as_text=True)
    client.post(f"/events/{event.id}/register")
    assert "secret-room" in client.get(f"/events/{event.id}").get_data(as_text=True)
    client.post("/auth/sign-out")
    login(organiser)
    assert "secret-room" in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_registering_through_the_page_and_the_waiting_list(
    client, login, make_member, make_event, db
):
    event = make_event(capacity=1)
    first, second = make_member(), make_member()
    login(first)
    response = client.post(f"/events/{event.id}/register", follow_redirects=True)
    assert "You are registered" in response.get_data(as_text=True)
    client.post("/auth/sign-out")
    login(second)
    response = client.post(f"/events/{event.id}/register", follow_redirects=True)
    assert "waiting list" in response.get_data(as_text=True)
    client.post("/auth/sign-out")
    login(first)
    client.post(f"/events/{event.id}/unregister")
    db.session.expire_all()
    assert registration.registration_of(event, second).status == RegistrationStatus.GOING


def test_a_reader_in_lisbon_sees_an_amman_event_in_both_times(
    client, login, make_member, make_event
):
    # 18:00 in Amman (UTC+3 all year) on 1 March and 1 April 2031: Lisbon is on UTC+0,
    # then on summer time (UTC+1) after 30 March.
    from cop.events.times import to_utc

    for day, lisbon in ((datetime(2031, 3, 1), "3:00 PM"), (datetime(2031, 4, 1), "4:00 PM")):
        starts = to_utc(day.date(), datetime(2031, 1, 1, 18).time(), "Asia/Amman")
        event = make_event(starts_at=starts, timezone="Asia/Amman", country="JO", city="Amman")
        reader = make_member(country="PT", timezone="Europe/Lisbon")
        login(reader)
        html = client.get(f"/events/{event.id}").get_data(as_text=True).replace("\u202f", " ")
        assert "6:00 PM" in html and "Amman" in html
        assert lisbon in html and "Lisbon" in html
        client.post("/auth/sign-out")


def test_the_registrations_csv_keeps_names_and_defuses_formulas(
    client, login, make_member, make_event
):
    organiser = make_member()
    event = make_event(organiser=organiser, question_1="Access needs?")
    names = ["Νίκος Παπαδόπουλος", "ليلى حداد", '=HYPERLINK("http://x")']
    for name in names:
        registration.register(event, make_member(display_name=name), answer_1="@SUM(1)")
    from cop.extensions import db

    db.session.commit()
    login(organiser)
    response = client.get(f"/events/{event.id}/registrations.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][-1] == "Access needs?"
    cells = [cell for row in rows[1:] for cell in row]
    assert "Νίκος Παπαδόπουλος" in cells and "ليلى حداد" in cells
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(1)" in cells


def test_organisers_mark_attendance_after_the_start(client, login, make_member, make_event, db):
    organiser = make_member()
    event = make_event(organiser=organiser)
    row = registration.register(event, make_member())
    event.starts_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    login(organiser)
    page = client.get(f"/events/{event.id}/registrations")
    assert f'name="attended-{row.id}"' in page.get_data(as_text=True)
    client.post(f"/events/{event.id}/attendance", data={f"attended-{row.id}": "yes"})
    db.session.expire_all()
    assert row.attended is True


def test_cancelling_asks_first(client, login, make_member, make_event, db):
    organiser = make_member()
    event = make_event(organiser=organiser)
    login(organiser)
    page = client.post(f"/events/{event.id}/cancel")
    assert page.status_code == 200 and 'name="confirmed"' in page.get_data(as_text=True)
    assert db.session.get(Event, event.id).state == EventState.PUBLISHED
    client.post(f"/events/{event.id}/cancel", data={"confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Event, event.id).state == EventState.CANCELLED


def _form(**overrides) -> dict:
    data = {
        "title": "Workshop in Amman",
        "language": "ar",
        "description": "وصف",
        "format": "in_person",
        "country": "JO",
        "city": "Amman",
        "timezone": "Asia/Amman",
        "start_date": "2031-03-01",
        "start_time": "18:00",
        "end_date": "2031-03-01",
        "end_time": "20:00",
        "capacity": "25",
    }
    data.update(overrides)
    return data


def test_an_organiser_creates_a_draft_in_the_event_s_time_zone(client, login, make_member, db):
    from sqlalchemy import select

    organiser = make_member(country="JO")
    admin = make_member(role=Role.ADMIN)
    services.grant_organiser_role(organiser, country="JO", actor=admin)
    db.session.commit()
    login(organiser)
    response = client.post("/events/new", data=_form())
    assert response.status_code == 302, response.get_data(as_text=True)
    event = db.session.scalar(select(Event))
    assert event.state == EventState.DRAFT and event.capacity == 25
    assert event.starts_at == datetime(2031, 3, 1, 15, tzinfo=UTC)
    assert [m.id for m in event.organisers] == [organiser.id]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_time": "17:00"}, "must end after it starts"),
        ({"deadline_date": "2031-03-02"}, "close before the event starts"),
        ({"capacity": "0"}, "Give a whole number from 1"),
        ({"capacity": "-3"}, "Give a whole number from 1"),
        ({"capacity": "99999999999999999999"}, "Give a whole number from 1"),
        ({"timezone": "Mars/Olympus"}, "Choose a time zone from the list"),
        ({"format": "online", "online_url": "javascript:alert(1)"}, "starts with https://"),
        ({"format": "online", "online_url": "ftp://example.org"}, "starts with https://"),
        ({"start_date": "99999-01-01"}, "Not a valid date"),
        ({"country": "ES"}, "may not create events for this country"),
    ],
)
def test_bad_input_is_refused_with_the_form_kept(
    client, login, make_member, db, overrides, message
):
    organiser = make_member(country="JO")
    admin = make_member(role=Role.ADMIN)
    services.grant_organiser_role(organiser, country="JO", actor=admin)
    db.session.commit()
    login(organiser)
    response = client.post("/events/new", data=_form(title="Kept title تجربة", **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html.replace("&#39;", "'"), html[html.find("form-errors") :][:3000]
    assert "Kept title تجربة" in html


def test_a_stale_edit_is_refused_and_keeps_the_text(client, login, make_member, make_event, db):
    organiser = make_member()
    event = make_event(organiser=organiser, timezone="Europe/Madrid")
    login(organiser)
    data = _form(
        country="ES", timezone="Europe/Madrid", title="My new title", version=str(event.version - 1)
    )
    response = client.post(f"/events/{event.id}/edit", data=data)
    assert response.status_code == 409
    assert "My new title" in response.get_data(as_text=True)


def test_admins_grant_organiser_roles_by_handle(client, login, make_member, db):
    from cop.events.permissions import organiser_countries

    admin = make_member(role=Role.ADMIN)
    member = make_member()
    login(admin)
    response = client.post("/events/organisers", data={"handle": member.handle, "country": "GR"})
    assert response.status_code == 302
    assert organiser_countries(member) == ["GR"]
    client.post(f"/events/organisers/{member.id}/revoke", data={"country": "GR"})
    assert organiser_countries(member) == []
