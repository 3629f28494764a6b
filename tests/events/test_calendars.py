"""iCalendar files and feeds, parsed back with the icalendar library; the private feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from cop.events import calendars
from cop.events.models import CalendarToken, EventFormat, EventState, RegistrationStatus
from cop.models import utcnow
from tests.corpora import naughty_sample

# This module's own data fixtures (made with the models), over the conftest's.
from tests.events.eventdata import at, make_event, make_programme, people, register  # noqa: F401


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.data)


def vevents(response) -> list[icalendar.Event]:
    return list(parse(response).walk("VEVENT"))


def utc_instant(cal: icalendar.Calendar, vevent, name="DTSTART") -> datetime:
    """The instant a calendar application computes from the VTIMEZONE in the file itself."""
    prop = vevent[name]
    tzid = prop.params["TZID"]
    (zone,) = [tz for tz in cal.walk("VTIMEZONE") if tz["TZID"] == tzid]
    naive = prop.dt.replace(tzinfo=None)
    return naive.replace(tzinfo=zone.to_tz(lookup_tzid=False)).astimezone(UTC)


# One event's file


def test_an_event_file_has_its_uid_sequence_times_and_zone(client, make_event):
    event = make_event(title="Taller en Valencia", timezone="Europe/Madrid")
    response = client.get(f"/events/{event.id}.ics")
    cal = parse(response)
    (vevent,) = cal.walk("VEVENT")
    assert cal["METHOD"] == "PUBLISH"
    assert str(vevent["UID"]) == event.uid
    assert vevent["SEQUENCE"] == 0
    assert str(vevent["SUMMARY"]) == "Taller en Valencia"
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert utc_instant(cal, vevent) == event.starts_at.replace(microsecond=0)
    assert "DTSTAMP" in vevent
    assert "Casa de la Cultura" in str(vevent["LOCATION"])
    assert "attachment" in response.headers["Content-Disposition"]


def test_the_uid_stays_and_the_sequence_grows_across_edits(client, db, make_event):
    event = make_event()
    first = vevents(client.get(f"/events/{event.id}.ics"))[0]
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.sequence += 1
    db.session.commit()
    second = vevents(client.get(f"/events/{event.id}.ics"))[0]
    assert first["UID"] == second["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second["DTSTART"].dt - first["DTSTART"].dt == timedelta(hours=1)


def test_a_cancelled_event_is_kept_with_a_cancelled_status(client, db, make_event):
    event = make_event(state=EventState.CANCELLED, sequence=2)
    (vevent,) = vevents(client.get(f"/events/{event.id}.ics"))
    assert vevent["STATUS"] == "CANCELLED" and vevent["SEQUENCE"] == 2
    (listed,) = vevents(client.get("/events/calendar.ics"))
    assert listed["STATUS"] == "CANCELLED"


@pytest.mark.parametrize(
    ("when", "utc_hour"),
    [
        # Amman kept EET (+2) in winter and EEST (+3) in summer until 2022, then +3 all year.
        ((2021, 1, 14), 16),
        ((2021, 7, 15), 15),
        ((2025, 1, 16), 15),
        ((2025, 7, 17), 15),
    ],
)
def test_18_00_in_amman_is_the_right_instant_in_winter_and_in_summer(
    client, make_event, when, utc_hour
):
    starts = datetime(*when, 18, 0, tzinfo=calendars.ZoneInfo("Asia/Amman"))
    event = make_event(
        starts_at=starts.astimezone(UTC), timezone="Asia/Amman", ends_at=starts + timedelta(hours=2)
    )
    cal = parse(client.get(f"/events/{event.id}.ics"))
    (vevent,) = cal.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Asia/Amman"
    assert vevent["DTSTART"].dt.hour == 18
    assert utc_instant(cal, vevent) == datetime(*when, utc_hour, 0, tzinfo=UTC)
    assert utc_instant(cal, vevent, "DTEND") == datetime(*when, utc_hour + 2, 0, tzinfo=UTC)


def test_one_feed_holds_winter_and_summer_events_of_lisbon(client, make_event):
    winter = make_event(starts_at=at(2026, 1, 20, 18), timezone="Europe/Lisbon")
    summer = make_event(starts_at=at(2026, 7, 20, 17), timezone="Europe/Lisbon")
    cal = parse(client.get("/events/calendar.ics"))
    by_uid = {str(v["UID"]): v for v in cal.walk("VEVENT")}
    assert by_uid[winter.uid]["DTSTART"].dt.hour == 18  # WET, UTC+0
    assert by_uid[summer.uid]["DTSTART"].dt.hour == 18  # WEST, UTC+1
    assert utc_instant(cal, by_uid[summer.uid]) == at(2026, 7, 20, 17)
    assert len(cal.walk("VTIMEZONE")) == 1


def test_drafts_and_hidden_events_never_appear(client, make_event, make_programme):
    programme = make_programme()
    shown = make_event(programme=programme)
    draft = make_event(state=EventState.DRAFT, programme=programme)
    hidden = make_event(is_hidden=True, programme=programme)
    for event in (draft, hidden):
        assert client.get(f"/events/{event.id}.ics").status_code == 404
    for url in ("/events/calendar.ics", "/events/calendar/country/ES.ics"):
        assert [str(v["UID"]) for v in vevents(client.get(url))] == [shown.uid]
    feed = client.get(f"/events/calendar/programme/{programme.slug}.ics")
    assert [str(v["UID"]) for v in vevents(feed)] == [shown.uid]


def test_country_and_programme_feeds_keep_to_their_own(client, make_event, make_programme):
    programme = make_programme(slug="ess-training")
    spain = make_event(country="ES", programme=programme)
    greece = make_event(country="GR", title="Εργαστήριο")
    assert [str(v["UID"]) for v in vevents(client.get("/events/calendar/country/GR.ics"))] == [
        greece.uid
    ]
    feed = vevents(client.get("/events/calendar/programme/ess-training.ics"))
    assert [str(v["UID"]) for v in feed] == [spain.uid]
    assert client.get("/events/calendar/country/XX.ics").status_code == 404
    assert client.get("/events/calendar/country/es.ics").status_code == 404
    assert client.get("/events/calendar/programme/nothing.ics").status_code == 404


def test_public_files_never_carry_the_online_link(client, make_event):
    event = make_event(format=EventFormat.ONLINE, online_url="https://meet.example/secret")
    for url in (f"/events/{event.id}.ics", "/events/calendar.ics"):
        response = client.get(url)
        assert b"meet.example" not in response.data
        (vevent,) = vevents(response)
        assert str(vevent["LOCATION"]) == "Online"


def test_public_feeds_are_public_and_revalidated_with_an_etag(client, make_event):
    make_event()
    response = client.get("/events/calendar.ics")
    assert response.headers["Cache-Control"] == "public, no-cache"
    again = client.get("/events/calendar.ics", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_feed_names_the_country_in_the_reader_language(client, make_event):
    make_event(country="GR")
    cal = parse(client.get("/events/calendar/country/GR.ics", headers={"Accept-Language": "es"}))
    assert "Grecia" in str(cal["X-WR-CALNAME"])


# The private feed


@pytest.fixture
def subscriber(db, make_member):
    member = make_member(display_name="Layla Haddad", locale="ar")
    row = CalendarToken(member_id=member.id)
    db.session.add(row)
    db.session.commit()
    return member, row.token


def test_the_private_feed_has_my_events_and_the_link_only_where_i_go(
    client, subscriber, make_event, register
):
    member, token = subscriber
    going = make_event(format=EventFormat.ONLINE, online_url="https://meet.example/going")
    waiting = make_event(format=EventFormat.ONLINE, online_url="https://meet.example/waiting")
    withdrawn = make_event()
    make_event(title="Not mine")
    register(going, member)
    register(waiting, member, RegistrationStatus.WAITING)
    register(withdrawn, member, RegistrationStatus.CANCELLED)
    response = client.get(f"/events/calendar/private/{token}.ics")
    assert response.headers["Cache-Control"] == "private, no-cache"
    by_uid = {str(v["UID"]): v for v in vevents(response)}
    assert set(by_uid) == {going.uid, waiting.uid}
    assert "https://meet.example/going" in str(by_uid[going.uid]["DESCRIPTION"])
    assert b"meet.example/waiting" not in response.data
    assert by_uid[waiting.uid]["STATUS"] == "TENTATIVE"
    assert str(by_uid[going.uid]["LOCATION"]) == "عبر الإنترنت"  # the member's language


def test_the_private_feed_leaves_out_drafts_and_hidden_events(
    client, subscriber, make_event, register
):
    member, token = subscriber
    for fields in ({"state": EventState.DRAFT}, {"is_hidden": True}):
        register(make_event(**fields), member)
    assert vevents(client.get(f"/events/calendar/private/{token}.ics")) == []


def test_a_wrong_or_revoked_token_gets_404(client, db, subscriber):
    member, token = subscriber
    assert client.get("/events/calendar/private/not-the-token.ics").status_code == 404
    calendars.renew_calendar_token(member)
    db.session.commit()
    assert client.get(f"/events/calendar/private/{token}.ics").status_code == 404
    fresh = calendars.calendar_token(member).token
    assert fresh != token
    assert client.get(f"/events/calendar/private/{fresh}.ics").status_code == 200


def test_a_closed_account_feed_is_gone(client, db, subscriber):
    member, token = subscriber
    member.closed_at = utcnow()
    db.session.commit()
    assert client.get(f"/events/calendar/private/{token}.ics").status_code == 404


def test_renewing_sends_a_signal_and_keeps_one_token_per_member(app, db, make_member):
    from cop import signals

    member = make_member()
    heard = []
    with signals.calendar_address_renewed.connected_to(
        lambda sender, first: heard.append((sender, first))
    ):
        calendars.renew_calendar_token(member)
        calendars.renew_calendar_token(member)
    db.session.commit()
    assert heard == [(member, True), (member, False)]
    assert db.session.query(CalendarToken).filter_by(member_id=member.id).count() == 1


# The subscription page and its button: who may do what


MATRIX = {
    # who: (GET page, POST new address)
    "anonymous": (302, 302),
    "member": (200, 302),
    "organiser": (200, 302),
    "other organiser": (200, 302),
    "moderator": (200, 302),
    "admin": (200, 302),
    "suspended": (200, 403),
}


@pytest.mark.parametrize("who", MATRIX)
def test_who_may_see_and_renew_their_calendar_address(client, login, people, who):
    if people[who] is not None:
        login(people[who])
    page, renew = MATRIX[who]
    assert client.get("/events/calendar/subscription").status_code == page
    assert client.post("/events/calendar/subscription").status_code == renew


def test_the_page_shows_both_addresses_after_creating_one(client, db, login, make_member):
    member = make_member()
    login(member)
    page = client.get("/events/calendar/subscription").get_data(as_text=True)
    assert "webcal://" not in page and "Create my calendar address" in page
    response = client.post("/events/calendar/subscription", follow_redirects=True)
    page = response.get_data(as_text=True)
    token = calendars.calendar_token(member).token
    assert f"webcal://cop.test/events/calendar/private/{token}.ics" in page
    assert f"http://cop.test/events/calendar/private/{token}.ics" in page
    assert "The old one no longer works" in page
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("text", naughty_sample(40))
def test_naughty_titles_and_places_make_valid_calendars(client, make_event, text):
    event = make_event(title=text or "x", venue=text[:200], description=text)
    (vevent,) = vevents(client.get(f"/events/{event.id}.ics"))
    assert str(vevent["SUMMARY"]) == (text or "x")
