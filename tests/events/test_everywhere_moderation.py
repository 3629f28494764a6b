"""Moderating events like other content: hide and show, reports, the audit log, and a
hidden event gone from every list, feed, calendar and search (organisers and moderators
still open it, marked, as the author and moderators open a hidden thread)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cop.events import registration, services
from cop.extensions import db
from cop.moderation import content_actions
from cop.moderation.models import ModerationEvent, Report
from tests.events.conftest import fields
from tests.events.test_permissions import ROLES, _outcome


def switch(client, login, member) -> None:
    """Sign out whoever is signed in, then sign `member` in (None: stay a visitor)."""
    client.post("/auth/sign-out")
    if member is not None:
        login(member)


# (method, path, roles allowed; the others get 403, anonymous the sign-in page)
MATRIX = [
    ("GET", "/moderation/event/{id}", {"moderator", "admin"}),
    ("POST", "/moderation/event/{id}/hide", {"moderator", "admin"}),
    ("POST", "/moderation/event/{hidden}/unhide", {"moderator", "admin"}),
    # Reporting: any member who may write, but not the event's creator.
    ("GET", "/moderation/report/event/{id}", {"member", "other", "moderator", "admin"}),
    ("POST", "/moderation/report/event/{id}", {"member", "other", "moderator", "admin"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX]
)
def test_event_moderation_permission_matrix(
    client, login, people, make_event, role, method, path, allowed
):
    hidden = make_event(organiser=people["organiser"], title="Already hidden")
    content_actions.hide_content(hidden, moderator=people["admin"], reason="Spam")
    db.session.commit()
    url = path.format(id=people["event"].id, hidden=hidden.id)
    if role != "anonymous":
        login(people[role])
    data = {"reason": "spam"} if "report" in path else {"reason": "Off topic"}
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    expected = "login" if role == "anonymous" else ("ok" if role in allowed else "403")
    assert _outcome(response) == expected


def test_a_moderator_hides_and_shows_an_event_with_a_reason(client, login, people):
    event = people["event"]
    login(people["moderator"])
    refused = client.post(f"/moderation/event/{event.id}/hide", data={"reason": ""})
    assert refused.status_code == 422
    assert "Give a reason" in refused.get_data(as_text=True)
    client.post(f"/moderation/event/{event.id}/hide", data={"reason": "Spam"})
    db.session.refresh(event)
    assert event.is_hidden
    client.post(f"/moderation/event/{event.id}/unhide", data={"reason": ""})
    db.session.refresh(event)
    assert not event.is_hidden
    actions = db.session.scalars(
        select(ModerationEvent.action).where(ModerationEvent.target_type == "event")
    ).all()
    assert "hide_event" in actions and "unhide_event" in actions


def test_a_report_on_an_event_reaches_the_queue_and_hiding_resolves_it(client, login, people):
    event = people["event"]
    login(people["member"])
    response = client.post(
        f"/moderation/report/event/{event.id}", data={"reason": "spam", "note": "Advert"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    again = client.post(f"/moderation/report/event/{event.id}", data={"reason": "spam"})
    assert again.status_code == 302  # reported already: told so, nothing new
    report = db.session.scalar(select(Report).where(Report.target_type == "event"))
    assert report.target_id == event.id and report.author_id == people["organiser"].id
    assert db.session.query(Report).count() == 1
    switch(client, login, people["moderator"])
    queue = client.get("/moderation/?kind=event").get_data(as_text=True)
    assert event.title in queue and f"/events/{event.id}" in queue
    client.post(f"/moderation/reports/{report.id}/resolve", data={"action": "hide", "note": "Ad"})
    db.session.refresh(event)
    db.session.refresh(report)
    assert event.is_hidden and report.state == "resolved"


def test_the_report_link_shows_on_the_event_page(client, login, people):
    event = people["event"]
    login(people["member"])
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"/moderation/report/event/{event.id}" in page
    switch(client, login, people["moderator"])
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"/moderation/event/{event.id}" in page


def test_a_hidden_event_is_not_found_by_members_but_by_its_organisers_and_moderators(
    client, login, people
):
    event = people["event"]
    content_actions.hide_content(event, moderator=people["moderator"], reason="Spam")
    db.session.commit()
    for role, status in (
        ("anonymous", 404),
        ("member", 404),
        ("other", 404),
        ("suspended", 404),
        ("organiser", 200),
        ("moderator", 200),
        ("admin", 200),
    ):
        switch(client, login, None if role == "anonymous" else people[role])
        assert client.get(f"/events/{event.id}").status_code == status, role
        if role != "anonymous" and status == 404:  # nor can they report what they cannot see
            assert client.get(f"/moderation/report/event/{event.id}").status_code == 404


def test_a_hidden_event_never_leaks(client, login, people, make_member):
    from cop.search.query import SearchFilters, parse_query
    from cop.search.results import search

    event = people["event"]
    reader = people["member"]
    row = registration.register(event, reader)
    row.attended = True  # as if it had taken place: the profile would list it
    reader.show_events_attended = True
    content_actions.hide_content(event, moderator=people["moderator"], reason="Spam")
    db.session.commit()
    title = event.title
    paths = [
        "/",
        "/events/",
        "/events/feed.atom",
        "/events/feed/country/ES.atom",
        "/events/calendar.ics",
        "/events/calendar/country/ES.ics",
        f"/members/{people['organiser'].handle}",
        f"/members/{reader.handle}",
        f"/search/?q={title}&kind=event",
    ]
    # The event's discussion thread is content of its own, moderated on its own: only the
    # event (its address, and its title in feeds and calendars) must be gone.
    for who in (None, reader):
        switch(client, login, who)
        for path in paths:
            page = client.get(path).get_data(as_text=True)
            assert f'/events/{event.id}"' not in page, (who, path)
            if path.endswith((".atom", ".ics")):
                assert title not in page, (who, path)
    assert client.get(f"/events/{event.id}.ics").status_code == 404
    from cop.events import calendars

    token = calendars.renew_calendar_token(reader).token
    db.session.commit()
    private = client.get(f"/events/calendar/private/{token}.ics").get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in private and event.uid not in private
    found = search(parse_query(title), SearchFilters(kind="event"), signed_in=True)
    assert event.id not in {hit.object_id for hit in found.hits}


def test_every_event_action_is_in_the_audit_log(db_session_actions, people, make_member):
    actions = db_session_actions
    for expected in (
        "create_event",
        "publish_event",
        "edit_event",
        "cancel_event",
        "hide_event",
        "unhide_event",
        "grant_organiser_role",
        "revoke_organiser_role",
        "mark_attendance",
    ):
        assert expected in actions, expected


@pytest.fixture
def db_session_actions(people, make_member):
    organiser, admin, moderator = people["organiser"], people["admin"], people["moderator"]
    event = people["event"]
    changed = fields(city="Alicante", starts_at=event.starts_at)
    services.update_event(event, actor=organiser, fields=changed, version=event.version)
    content_actions.hide_content(event, moderator=moderator, reason="Check")
    content_actions.show_content(event, moderator=moderator)
    newcomer = make_member()
    services.grant_organiser_role(newcomer, country="PT", actor=admin)
    services.revoke_organiser_role(newcomer, country="PT", actor=admin)
    past = people["other_event"]
    row = registration.register(past, people["member"])
    past.starts_at = past.starts_at - timedelta(days=30)
    registration.mark_attendance(past, actor=people["other"], attended={row.id: True})
    services.cancel_event(event, actor=organiser)
    db.session.commit()
    rows = db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id)).all()
    edit = next(r for r in rows if r.action == "edit_event")
    assert edit.data == {"changes": ["place"]} and edit.actor_id == organiser.id
    grant = [r for r in rows if r.action == "grant_organiser_role"][-1]
    assert grant.data == {"country": "PT"} and grant.target_type == "member"
    return [r.action for r in rows]


def test_the_log_names_event_actions_in_the_readers_language(client, login, people):
    content_actions.hide_content(people["event"], moderator=people["moderator"], reason="x")
    db.session.commit()
    login(people["admin"])
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "Hid an event" in page and "Created an event" in page
    page = client.get("/moderation/log?target=event").get_data(as_text=True)
    assert "Hid an event" in page and "Warned a member" not in page
    assert '<option value="event" selected>' in page
