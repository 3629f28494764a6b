"""A member's events on their profile (organised; attended only by choice), in their
data export, and when they close their account."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cop.events import calendars, member_data, registration, services
from cop.events.models import (
    CalendarToken,
    EventOrganiser,
    EventRegistration,
    OrganiserRole,
    RegistrationStatus,
)
from cop.extensions import db
from cop.members import services as member_services
from cop.members.export import write_export
from cop.members.models import Member
from cop.moderation import content_actions
from tests.conftest import PASSWORD
from tests.corpora import naughty_sample


def _attend(event, member, *, answer_1=None):
    """`member` went to `event`, which has taken place."""
    row = registration.register(event, member, answer_1=answer_1)
    event.starts_at = event.starts_at - timedelta(days=30)
    event.ends_at = event.starts_at + timedelta(hours=2)
    row.attended = True
    db.session.commit()
    return row


# The profile


def test_the_profile_lists_the_events_organised(client, login, people, make_event):
    organiser = people["organiser"]
    login(people["member"])  # profiles are for members unless made public
    make_event(organiser=organiser, published=False, title="A draft nobody sees")
    page = client.get(f"/members/{organiser.handle}").get_data(as_text=True)
    assert "Events organised" in page
    assert f"/events/{people['event'].id}" in page
    assert "A draft nobody sees" not in page


def test_events_attended_are_shown_only_when_the_member_chooses(client, login, people):
    member, event = people["member"], people["other_event"]
    _attend(event, member)
    member.show_events_attended = True
    db.session.commit()
    login(people["other"])
    # Off unless chosen: another member's is.
    assert db.session.get(Member, people["other"].id).show_events_attended is False
    page = client.get(f"/members/{member.handle}").get_data(as_text=True)
    assert "Events attended" in page and f"/events/{event.id}" in page
    member.show_events_attended = False
    db.session.commit()
    page = client.get(f"/members/{member.handle}").get_data(as_text=True)
    assert "Events attended" not in page and f"/events/{event.id}" not in page


def test_the_preferences_page_sets_the_choice(client, login, people):
    member = people["member"]
    login(member)
    page = client.get("/members/settings/preferences").get_data(as_text=True)
    assert 'name="show_events_attended"' in page
    data = {"locale": "en", "format_locale": "", "timezone": "", "show_events_attended": "y"}
    assert client.post("/members/settings/preferences", data=data).status_code == 302
    db.session.refresh(member)
    assert member.show_events_attended is True
    data.pop("show_events_attended")
    client.post("/members/settings/preferences", data=data)
    db.session.refresh(member)
    assert member.show_events_attended is False


def test_hidden_events_leave_the_profile_lists(client, login, people):
    member, event = people["member"], people["other_event"]
    login(people["admin"])
    _attend(event, member)
    member.show_events_attended = True
    content_actions.hide_content(event, moderator=people["moderator"], reason="Spam")
    db.session.commit()
    for handle in (member.handle, people["other"].handle):
        page = client.get(f"/members/{handle}").get_data(as_text=True)
        assert f'/events/{event.id}"' not in page


def test_the_profile_runs_a_fixed_number_of_queries(
    client, login, people, make_event, count_queries
):
    member = people["member"]
    login(people["admin"])
    member.show_events_attended = True
    db.session.commit()
    _attend(people["other_event"], member)
    first = count_queries(lambda: client.get(f"/members/{people['organiser'].handle}"))
    for n in range(5):
        _attend(make_event(organiser=people["organiser"], title=f"Workshop {n}"), member)
    second = count_queries(lambda: client.get(f"/members/{people['organiser'].handle}"))
    assert second == first
    assert count_queries(lambda: client.get(f"/members/{member.handle}")) <= first + 2


@pytest.fixture
def count_queries(app, no_page_cache):
    from sqlalchemy import event as sa_event

    from cop.extensions import cache

    def count(call) -> int:
        cache.clear()
        statements = []

        def note(*_args):
            statements.append(1)

        sa_event.listen(db.engine, "before_cursor_execute", note)
        try:
            response = call()
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", note)
        assert response.status_code == 200
        return len(statements)

    return count


# The data export


def test_the_export_holds_registrations_answers_organising_and_the_calendar(
    people, make_event, tmp_path
):
    member, organiser = people["member"], people["organiser"]
    people["other_event"].question_1 = "Any access needs?"
    _attend(people["other_event"], member, answer_1="A ramp, please")
    registration.register(people["event"], member)
    calendars.renew_calendar_token(member)
    db.session.commit()
    part = member_data.events_part(member)
    by_event = {r["event_id"]: r for r in part.data["registrations"]}
    came = by_event[people["other_event"].id]
    assert came["attended"] is True and came["status"] == "going"
    assert came["answers"] == [{"question": "Any access needs?", "answer": "A ramp, please"}]
    assert by_event[people["event"].id]["attended"] is None
    token = db.session.scalar(select(CalendarToken.token))
    assert part.data["private_calendar"] == {
        "exists": True,
        "token": token,
        "created_at": part.data["private_calendar"]["created_at"],
    }
    organised = member_data.events_part(organiser).data
    assert [e["event_id"] for e in organised["events_organised"]] == [people["event"].id]
    assert organised["organiser_roles"][0]["country"] == "ES"
    assert organised["private_calendar"]["exists"] is False
    path = tmp_path / "export.zip"
    write_export(member, path)
    with zipfile.ZipFile(path) as archive:
        written = json.loads(archive.read("events.json"))
    assert written["registrations"][0]["event_title"]


def test_a_member_without_events_has_no_events_file(make_member):
    assert member_data.events_part(make_member()) is None


# Closing an account


@pytest.mark.parametrize("answer", naughty_sample(step=60))
def test_closing_anonymizes_registrations_and_keeps_the_figures(app, people, make_member, answer):
    leaving = people["member"]
    full = people["event"]
    full.capacity = 1
    full.question_1 = "Access needs?"
    db.session.commit()
    registration.register(full, leaving, answer_1=answer[:1000])
    waiting = make_member(display_name="Wendy Waiting")
    registration.register(full, waiting)
    _attend(people["other_event"], leaving, answer_1=answer[:1000])
    calendars.renew_calendar_token(leaving)
    services.grant_organiser_role(leaving, country="PT", actor=people["admin"])
    services.add_organiser(people["other_event"], leaving)
    db.session.commit()
    before = db.session.scalar(select(func.count(EventRegistration.id)))
    member_services.close_account(leaving, delete_posts=False)
    db.session.commit()
    rows = db.session.scalars(select(EventRegistration)).all()
    assert len(rows) == before  # the figures keep every registration
    anonymous = [r for r in rows if r.member_id is None]
    assert len(anonymous) == 2
    assert all(r.answer_1 is None and r.answer_2 is None for r in anonymous)
    assert any(r.attended for r in anonymous)
    # The place to come was given up: the waiting list moved.
    promoted = db.session.scalar(
        select(EventRegistration).where(EventRegistration.member_id == waiting.id)
    )
    assert promoted.status == RegistrationStatus.GOING
    assert db.session.scalar(select(func.count(CalendarToken.id))) == 0
    assert (
        db.session.scalar(
            select(func.count()).select_from(OrganiserRole).where(OrganiserRole.country == "PT")
        )
        == 0
    )
    # The events organised stay, with their other organisers.
    assert db.session.get(type(people["other_event"]), people["other_event"].id) is not None
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(EventOrganiser)
            .where(EventOrganiser.event_id == people["other_event"].id)
        )
        == 1
    )


def test_closing_through_the_page_runs_the_events_step(app, client, login, people):
    leaving = people["organiser"]
    leaving_id = leaving.id
    login(leaving)
    response = client.post("/members/settings/close", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    result = app.test_cli_runner().invoke(args=["cop", "run-jobs"])
    assert result.exit_code == 0
    db.session.expire_all()
    assert db.session.get(Member, leaving_id) is None
    assert db.session.get(type(people["event"]), people["event"].id).state.value == "published"
