"""Who may do what with programmes and an event's team and materials: every new route
for anonymous, member, organiser of this event, organiser of another, moderator, admin
and suspended member.

Programmes: created by admins and by members with an organiser role; edited by admins
and by their creator while they keep an organiser role. Team and materials: the
event's organisers and admins."""

from __future__ import annotations

import pytest

from cop.events import services, team
from cop.extensions import db
from tests.resources.conftest import resource_fields

ROLES = ("anonymous", "member", "organiser", "other", "moderator", "admin", "suspended")
ORGANISERS = {"organiser": "ok", "admin": "ok"}

# (method, path, expected per role: "ok", 403/404, or "login" for anonymous)
MATRIX = [
    ("GET", "/events/programmes", dict.fromkeys(ROLES, "ok")),
    ("GET", "/events/programmes/new", {"organiser": "ok", "other": "ok", "admin": "ok"}),
    ("POST", "/events/programmes/new", {"organiser": "ok", "other": "ok", "admin": "ok"}),
    ("GET", "/events/programmes/{slug}/edit", {"organiser": "ok", "admin": "ok"}),
    ("POST", "/events/programmes/{slug}/edit", {"organiser": "ok", "admin": "ok"}),
    ("GET", "/events/{id}/team", ORGANISERS),
    ("POST", "/events/{id}/team/organisers", ORGANISERS),
    ("POST", "/events/{id}/team/organisers/{co}/remove", ORGANISERS),
    ("POST", "/events/{id}/team/materials", ORGANISERS),
    ("POST", "/events/{id}/team/materials/{resource}/unlink", ORGANISERS),
]
PUBLIC = {"/events/programmes"}


def _outcome(response) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]:
        return "login"
    assert response.status_code in (200, 302, 409, 422), response.status_code
    return "ok"


@pytest.fixture
def world(people, make_member):
    from cop.resources import services as resources

    event = people["event"]
    programme = services.create_programme(
        actor=people["organiser"],
        slug="training",
        title="Training programme",
        description="Four modules.",
        language="en",
    )
    co = make_member(display_name="Carla Co-organiser")
    team.add_co_organiser(event, co, actor=people["organiser"])
    resource = resources.create_resource(
        sharer=people["member"],
        fields=resource_fields(),
    )
    team.link_material(event, resource, actor=people["organiser"])
    db.session.commit()
    return {"programme": programme, "co": co, "resource": resource}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX]
)
def test_programme_and_team_permission_matrix(
    client, login, people, world, role, method, path, allowed
):
    url = path.format(
        id=people["event"].id,
        slug=world["programme"].slug,
        co=world["co"].id,
        resource=world["resource"].id,
    )
    if role != "anonymous":
        login(people[role])
    data = {
        "title": "A programme title",
        "slug": f"programme-{role}",
        "language": "en",
        "description": "",
        "version": "1",
        "handle": people["member"].handle,
        "reference": str(world["resource"].id),
    }
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    anonymous = "ok" if path in PUBLIC else "login"
    expected = anonymous if role == "anonymous" else allowed.get(role, "403")
    assert _outcome(response) == expected
