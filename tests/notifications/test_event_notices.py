"""Event notices (issue 13): changes, cancellations, a place freed up, new events where a
member watches; reminders before the event, sent once. Services called directly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import select

from cop.events import registration, services, watches
from cop.events.models import EventFormat, EventRegistration
from cop.i18n import FSI, PDI
from cop.models import utcnow
from cop.notifications import reminders
from cop.notifications import services as notices
from cop.notifications.messages import describe, link_for
from cop.notifications.models import Kind, Mode
from tests.events import conftest as event_fixtures
from tests.events.conftest import fields
from tests.notifications.conftest import notifications_of

# The events fixtures, for these tests of their notices.
make_event = event_fixtures.make_event
table = event_fixtures.table


def _edit(event, actor, **changes):
    values = {
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "country": event.country,
        "city": event.city,
        "venue": event.venue,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "format": event.format,
        "title": event.title,
        "programme": event.programme,
    }
    values.update(changes)
    result = services.update_event(
        event,
        actor=actor,
        fields=fields(**values),
        version=event.version,
    )
    return result


@pytest.fixture
def crowd(db, make_member, make_event):
    """An event with one place: Olga organises; Carla went, then cancelled: Ana, first on
    the waiting list, goes now; Ben waits."""
    olga = make_member(display_name="Olga Organiser")
    ana = make_member(display_name="Ana", locale="es", country="PT")
    ben = make_member(display_name="Ben", locale="ar", country="JO")
    carla = make_member(display_name="Carla")
    event = make_event(organiser=olga, capacity=1, timezone="Asia/Amman", country="JO")
    for member in (carla, ana, ben):
        registration.register(event, member)
    registration.unregister(event, carla)
    db.session.commit()
    return {"event": event, "olga": olga, "ana": ana, "ben": ben, "carla": carla}


def test_a_time_change_reaches_those_going_and_waiting_and_not_the_organiser(db, crowd):
    event, olga = crowd["event"], crowd["olga"]
    carla_before = len(notifications_of(db, crowd["carla"]))
    later = event.starts_at + timedelta(days=1)
    _edit(event, olga, starts_at=later, ends_at=later + timedelta(hours=2))
    db.session.commit()
    for member in (crowd["ana"], crowd["ben"]):
        notice = notifications_of(db, member, kind=Kind.EVENT_CHANGED.value)[-1]
        assert notice.payload["changes"] == ["time"]
        assert notice.actor_id == olga.id and notice.target_type == "event"
        assert link_for(notice) == f"/events/{event.id}"
    assert notifications_of(db, olga) == []
    assert len(notifications_of(db, crowd["carla"])) == carla_before


def test_the_notice_says_the_new_time_in_the_members_zone_and_names_the_events(app, db, crowd):
    event, ana = crowd["event"], crowd["ana"]  # Ana lives in Portugal, the event in Amman
    _edit(event, crowd["olga"], starts_at=event.starts_at + timedelta(hours=1))
    db.session.commit()
    (notice,) = notifications_of(db, ana, kind=Kind.EVENT_CHANGED.value)
    with app.test_request_context(), force_locale("en"):
        text = describe(notice)
    assert "Olga Organiser" in text and "New time:" in text
    assert "your time (Lisbon)" in text and "Amman time" in text
    assert f"{FSI}{event.title}{PDI}" in text


def test_a_place_and_link_change_says_so_and_never_shows_the_link(app, db, crowd):
    event = crowd["event"]
    _edit(
        event,
        crowd["olga"],
        venue="Dar Al-Anda",
        city="Amman",
        format=EventFormat.MIXED,
        online_url="https://meet.example.org/secret-room",
    )
    db.session.commit()
    (notice,) = notifications_of(db, crowd["ben"], kind=Kind.EVENT_CHANGED.value)
    assert notice.payload["changes"] == ["link", "place"]
    with app.test_request_context(), force_locale("en"):
        text = describe(notice)
        html = describe(notice, html=True)
    assert "New place:" in text and f"{FSI}Dar Al-Anda, Amman{PDI}" in text
    assert "The link to join changed" in text
    assert "secret-room" not in text and "secret-room" not in str(notice.payload)
    assert isinstance(html, Markup) and "<bdi>Dar Al-Anda, Amman</bdi>" in html


def test_an_edit_of_the_title_or_capacity_tells_nobody(db, crowd):
    before = len(notifications_of(db, crowd["ana"]))
    _edit(crowd["event"], crowd["olga"], title="A new title")
    db.session.commit()
    assert len(notifications_of(db, crowd["ana"])) == before


def test_a_cancellation_reaches_those_going_and_waiting(app, db, crowd):
    services.cancel_event(crowd["event"], actor=crowd["olga"])
    db.session.commit()
    for member in (crowd["ana"], crowd["ben"]):
        (notice,) = notifications_of(db, member, kind=Kind.EVENT_CHANGED.value)
        assert notice.payload["cancelled"] is True
        with app.test_request_context(), force_locale("en"):
            assert "Olga Organiser" in describe(notice) and "cancelled" in describe(notice)
    assert notifications_of(db, crowd["olga"]) == []
    assert notifications_of(db, crowd["carla"], kind=Kind.EVENT_CHANGED.value) == []


def test_drafts_and_hidden_events_tell_nobody(db, make_member, make_event):
    olga, watcher, ana = make_member(), make_member(), make_member()
    watches.watch_country(watcher, "ES")
    draft = make_event(organiser=olga, published=False)
    _edit(draft, olga, starts_at=draft.starts_at + timedelta(days=2))
    services.cancel_event(draft, actor=olga)
    hidden = make_event(organiser=olga)
    registration.register(hidden, ana)
    hidden.is_hidden = True
    _edit(hidden, olga, venue="Elsewhere")
    services.cancel_event(hidden, actor=olga)
    db.session.commit()
    assert notifications_of(db, ana) == []
    assert [n.target_id for n in notifications_of(db, watcher)] == [hidden.id]  # published


def test_the_member_promoted_from_the_waiting_list_is_told(app, db, crowd):
    assert notifications_of(db, crowd["ben"]) == []
    (notice,) = notifications_of(db, crowd["ana"], kind=Kind.EVENT_PROMOTED.value)
    assert notice.actor_id is None and notice.target_id == crowd["event"].id
    with app.test_request_context(), force_locale("en"):
        assert "A place freed up" in describe(notice)


def test_watchers_of_a_country_or_programme_hear_of_a_new_event_once(
    app,
    db,
    make_member,
    make_event,
):
    from cop.events.models import Programme

    programme = Programme(slug="med", title="Mediterranean school", language="en")
    db.session.add(programme)
    olga, by_country, by_both, by_programme, other = (make_member() for _ in range(5))
    watches.watch_country(by_country, "ES")
    watches.watch_country(by_both, "ES")
    watches.watch_country(olga, "ES")  # the publisher hears nothing of their own event
    watches.watch_country(other, "FR")
    db.session.flush()
    watches.watch_programme(by_both, programme.id)
    watches.watch_programme(by_programme, programme.id)
    assert watches.watch_country(by_country, "ES") is False  # a double press: one row
    db.session.commit()
    event = make_event(organiser=olga, programme=programme)
    reasons = {}
    for member in (by_country, by_both, by_programme):
        (notice,) = notifications_of(db, member, kind=Kind.NEW_EVENT.value)
        assert notice.delivery == Mode.DAILY.value and notice.target_id == event.id
        reasons[member.id] = notice.payload["reason"]
        with app.test_request_context(), force_locale("en"):
            text = describe(notice)
        assert ("Spain" in text) if reasons[member.id] == "country" else ("programme" in text)
    assert reasons == {by_country.id: "country", by_both.id: "programme",
                       by_programme.id: "programme"}  # fmt: skip
    assert notifications_of(db, olga) == notifications_of(db, other) == []


def test_notices_follow_each_members_email_choice(db, crowd):
    notices.set_email_modes(crowd["ana"], {Kind.EVENT_CHANGED: Mode.NONE})
    notices.set_email_modes(crowd["ben"], {Kind.EVENT_CHANGED: Mode.WEEKLY})
    db.session.commit()
    services.cancel_event(crowd["event"], actor=crowd["olga"])
    db.session.commit()
    (ana,) = notifications_of(db, crowd["ana"], kind=Kind.EVENT_CHANGED.value)
    (ben,) = notifications_of(db, crowd["ben"], kind=Kind.EVENT_CHANGED.value)
    assert (ana.delivery, ben.delivery) == (Mode.NONE.value, Mode.WEEKLY.value)


# Reminders
@pytest.fixture
def soon(db, make_member, make_event):
    """An event in ten hours with one place: Ana going, Ben waiting, Carla not going."""
    olga = make_member(display_name="Olga Organiser")
    ana, ben, carla = make_member(), make_member(), make_member()
    start = utcnow().replace(microsecond=0) + timedelta(hours=10)
    event = make_event(organiser=olga, capacity=1, starts_at=start)
    for member in (ana, ben, carla):
        registration.register(event, member)
    registration.unregister(event, carla)
    db.session.commit()
    return {"event": event, "olga": olga, "ana": ana, "ben": ben, "carla": carla}


def _reminders_of(db, member):
    return notifications_of(db, member, kind=Kind.EVENT_REMINDER.value)


def test_a_reminder_goes_to_those_going_once_whatever_the_number_of_runs(app, db, soon):
    assert reminders.send_due_reminders() == 1
    assert reminders.send_due_reminders() == 0
    assert reminders.send_due_reminders(now=utcnow() + timedelta(hours=1)) == 0
    for name in ("ana",):
        (notice,) = _reminders_of(db, soon[name])
        assert notice.delivery == Mode.IMMEDIATE.value and notice.actor_id is None
        with app.test_request_context(), force_locale("en"):
            assert describe(notice).startswith("Reminder: ")
    assert _reminders_of(db, soon["carla"]) == _reminders_of(db, soon["olga"]) == []
    assert _reminders_of(db, soon["ben"]) == []  # waiting: not reminded
    rows = db.session.scalars(select(EventRegistration).where(EventRegistration.member_id.in_(
        [soon["ana"].id, soon["carla"].id])))  # fmt: skip
    assert {r.member_id: r.reminded_at is not None for r in rows} == {
        soon["ana"].id: True,
        soon["carla"].id: False,
    }


def test_an_event_further_than_the_lead_time_is_reminded_later(app, db, make_member, make_event):
    ana = make_member()
    start = utcnow().replace(microsecond=0) + timedelta(hours=30)
    registration.register(make_event(starts_at=start), ana)
    db.session.commit()
    assert reminders.send_due_reminders() == 0
    assert reminders.send_due_reminders(now=start - timedelta(hours=23)) == 1
    app.config["EVENT_REMINDER_HOURS"] = 48
    try:
        other = make_member()
        registration.register(make_event(starts_at=start, title="Later"), other)
        db.session.commit()
        assert reminders.send_due_reminders() == 1
    finally:
        app.config["EVENT_REMINDER_HOURS"] = 24


def test_members_registering_or_promoted_inside_the_window_still_get_a_reminder(db, soon):
    assert reminders.send_due_reminders() == 1
    registration.unregister(soon["event"], soon["ana"])  # Ben is promoted
    registration.register(soon["event"], soon["carla"])  # and Carla waits
    db.session.commit()
    assert reminders.send_due_reminders() == 1
    assert len(_reminders_of(db, soon["ben"])) == 1
    registration.unregister(soon["event"], soon["ben"])  # Carla is promoted
    registration.register(soon["event"], soon["ben"])  # Ben back: he waits
    registration.unregister(soon["event"], soon["carla"])  # Ben going again
    db.session.commit()
    assert reminders.send_due_reminders() == 0  # Ben had his; Carla is not going
    assert len(_reminders_of(db, soon["ben"])) == 1


def test_cancelled_hidden_draft_and_started_events_send_no_reminder(db, make_member, make_event):
    start = utcnow().replace(microsecond=0) + timedelta(hours=5)
    ana = make_member()
    cancelled, hidden, started = (make_event(starts_at=start, title=t) for t in "abc")
    for event in (cancelled, hidden, started):
        registration.register(event, ana)
    draft = make_event(starts_at=start, published=False)
    db.session.add(EventRegistration(event=draft, member=ana, status="going"))
    services.cancel_event(cancelled, actor=ana)
    hidden.is_hidden = True
    db.session.commit()
    assert reminders.send_due_reminders(now=start + timedelta(minutes=1)) == 0  # started
    assert reminders.send_due_reminders() == 1  # only `started`, not started yet
    assert [n.target_id for n in _reminders_of(db, ana)] == [started.id]


def test_the_cron_command_adds_the_reminders_and_emails_them(app, db, soon):
    result = app.test_cli_runner().invoke(args=["cop", "send-notifications", "--no-jobs"])
    assert result.exit_code == 0, result.output
    assert "Added 1 event reminders." in result.output
    outbox = app.extensions["mailman"].outbox
    assert [m.to[0] for m in outbox if "Reminder" in m.subject] == [soon["ana"].email]
    sent = len(outbox)
    again = app.test_cli_runner().invoke(args=["cop", "send-notifications", "--no-jobs"])
    assert "Added 0 event reminders." in again.output and len(outbox) == sent


def test_an_event_moved_beyond_the_window_is_reminded_again_before_its_new_time(db, soon):
    event, olga = soon["event"], soon["olga"]
    assert reminders.send_due_reminders() == 1
    _edit(event, olga, starts_at=event.starts_at + timedelta(hours=1))  # still inside
    db.session.commit()
    assert reminders.send_due_reminders() == 0
    later = event.starts_at + timedelta(days=3)
    _edit(event, olga, starts_at=later, ends_at=later + timedelta(hours=2))
    db.session.commit()
    assert reminders.send_due_reminders() == 0  # not yet: three days ahead
    assert reminders.send_due_reminders(now=later - timedelta(hours=2)) == 1
    assert reminders.send_due_reminders(now=later - timedelta(hours=1)) == 0
    assert len(_reminders_of(db, soon["ana"])) == 2
