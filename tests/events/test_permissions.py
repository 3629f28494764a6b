"""Who may do what with events: every state-changing route (and the organisers' pages)
for anonymous, member, organiser of this event, organiser of another, moderator,
admin and suspended member."""

from __future__ import annotations

import pytest

from cop.events.models import Event
from cop.extensions import db

ROLES = ("anonymous", "member", "organiser", "other", "moderator", "admin", "suspended")

# (method, path, expected per role: "ok" for allowed, 403, or "login" (sign-in redirect))
MATRIX = [
    ("GET", "/events/new", {"organiser": "ok", "other": "ok", "admin": "ok"}),
    ("POST", "/events/new", {"organiser": "ok", "other": "ok", "admin": "ok"}),
    ("GET", "/events/{id}/edit", {"organiser": "ok", "admin": "ok"}),
    ("POST", "/events/{id}/edit", {"organiser": "ok", "admin": "ok"}),
    ("POST", "/events/{id}/cancel", {"organiser": "ok", "admin": "ok"}),
    # A draft is not found by those who may not see it.
    ("POST", "/events/{draft}/publish", {"organiser": "ok", "admin": "ok", "*": "404"}),
    ("GET", "/events/{id}/registrations", {"organiser": "ok", "admin": "ok"}),
    ("GET", "/events/{id}/registrations.csv", {"organiser": "ok", "admin": "ok"}),
    ("POST", "/events/{id}/attendance", {"organiser": "ok", "admin": "ok"}),
    (
        "POST",
        "/events/{id}/register",
        dict.fromkeys(("member", "organiser", "other", "moderator", "admin"), "ok"),
    ),
    (
        "POST",
        "/events/{id}/unregister",
        dict.fromkeys(("member", "organiser", "other", "moderator", "admin"), "ok"),
    ),
    ("GET", "/events/organisers", {"admin": "ok"}),
    ("POST", "/events/organisers", {"admin": "ok"}),
    ("POST", "/events/organisers/{member}/revoke", {"admin": "ok"}),
]


def _outcome(response) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]:
        return "login"
    assert response.status_code in (200, 302, 422), response.status_code
    return "ok"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX]
)
def test_event_permission_matrix(client, login, people, make_event, role, method, path, allowed):
    draft = make_event(organiser=people["organiser"], published=False, title="Draft one")
    url = path.format(id=people["event"].id, draft=draft.id, member=people["member"].id)
    if role != "anonymous":
        login(people[role])
    data = {"country": "ES", "category": str(people["event"].thread.category_id)}
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    expected = "login" if role == "anonymous" else allowed.get(role, allowed.get("*", "403"))
    assert _outcome(response) == expected


def test_drafts_are_seen_by_their_organisers_and_admins_only(client, login, people, make_event):
    draft = make_event(organiser=people["organiser"], published=False, title="Secret draft")
    for role, status in (
        ("anonymous", 404),
        ("member", 404),
        ("other", 404),
        ("moderator", 404),
        ("organiser", 200),
        ("admin", 200),
    ):
        if role != "anonymous":
            login(people[role])
        assert client.get(f"/events/{draft.id}").status_code == status, role
        assert ("Secret draft" in client.get("/events/").get_data(as_text=True)) == (
            status == 200
        ), role
        client.post("/auth/sign-out")


def test_hidden_events_are_seen_by_organisers_and_moderators_only(client, login, people):
    event = people["event"]
    db.session.get(Event, event.id).is_hidden = True
    db.session.commit()
    for role, status in (
        ("anonymous", 404),
        ("member", 404),
        ("other", 404),
        ("organiser", 200),
        ("moderator", 200),
        ("admin", 200),
    ):
        if role != "anonymous":
            login(people[role])
        assert client.get(f"/events/{event.id}").status_code == status, role
        listed = event.title in client.get("/events/").get_data(as_text=True)
        assert listed == (status == 200), role
        client.post("/auth/sign-out")
