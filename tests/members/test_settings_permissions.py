"""Who may do what in settings: the member alone, and admins for the profile and picture."""

from __future__ import annotations

import io

import pytest

from cop.members.models import Role
from tests.members.conftest import image_bytes

PROFILE_FORM = {
    "display_name": "Renamed",
    "country": "GR",
    "visibility": "members",
}


def _avatar():
    return {"image": (io.BytesIO(image_bytes()), "a.png")}


# (name, method, path template, form data or a callable making it, who may: self/admin)
ACTIONS = [
    ("view profile settings", "get", "/members/{own}settings/profile", None, True),
    ("save profile", "post", "/members/{own}settings/profile", PROFILE_FORM, True),
    ("view picture settings", "get", "/members/{own}settings/avatar", None, True),
    ("upload picture", "post", "/members/{own}settings/avatar", _avatar, True),
    ("remove picture", "post", "/members/{own}settings/avatar/remove", {"confirmed": "1"}, True),
    ("view preferences", "get", "/members/settings/preferences", None, False),
    ("save preferences", "post", "/members/settings/preferences", {"locale": "el"}, False),
    ("view email settings", "get", "/members/settings/email", None, False),
    ("ask for an email change", "post", "/members/settings/email",
     {"new_email": "new@example.org", "password": "a long and quiet river"}, False),
    ("view my data", "get", "/members/settings/data", None, False),
    ("download my data", "get", "/members/settings/data/export", None, False),
    ("close the account", "post", "/members/settings/close",
     {"password": "a long and quiet river", "confirm": "y"}, False),
]  # fmt: skip

ACTORS = ["anonymous", "owner", "other member", "moderator", "admin"]


def _request(client, method, path, data):
    if callable(data):
        data = data()
    if method == "get":
        return client.get(path)
    return client.post(path, data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("name", "method", "path", "data", "admin_may"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_settings_actions_are_allowed_only_to_the_member_and_admins(
    client, make_member, login, actor, name, method, path, data, admin_may
):
    owner = make_member(display_name="Owner Person")
    roles = {"other member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}
    if actor == "owner":
        login(owner)
    elif actor != "anonymous":
        login(make_member(role=roles[actor]))
    # Acting on oneself: the plain settings URL. On someone else: the URL with their handle.
    own = "" if actor in ("owner", "anonymous") else f"{owner.handle}/"
    if "{own}" not in path and actor not in ("owner", "anonymous"):
        # Settings of one's own only: another member cannot even name a target.
        response = _request(client, method, path, data)
        assert response.status_code in (200, 302)
        return
    response = _request(client, method, path.format(own=own), data)
    if actor == "anonymous":
        assert response.status_code == 302
        assert "/auth/sign-in" in response.headers["Location"]
    elif actor == "owner" or (actor == "admin" and admin_may):
        assert response.status_code in (200, 302), response.get_data(as_text=True)[-500:]
    else:
        assert response.status_code == 403


def test_an_admin_edit_changes_the_other_members_profile_not_their_own(
    client, make_member, login, db
):
    owner = make_member(display_name="Owner Person")
    admin = make_member(role=Role.ADMIN, display_name="The Admin")
    login(admin)
    response = client.post(f"/members/{owner.handle}/settings/profile", data=PROFILE_FORM)
    assert response.status_code == 302
    db.session.refresh(owner)
    db.session.refresh(admin)
    assert owner.display_name == "Renamed"
    assert admin.display_name == "The Admin"


def test_editing_an_unknown_member_is_not_found(client, make_member, login):
    login(make_member(role=Role.ADMIN))
    assert client.get("/members/nobody/settings/profile").status_code == 404


@pytest.mark.parametrize("page", ["preferences", "email", "data", "data/export", "close"])
def test_personal_settings_cannot_be_reached_for_another_member(client, make_member, login, page):
    owner = make_member()
    login(make_member(role=Role.ADMIN))
    assert client.get(f"/members/{owner.handle}/settings/{page}").status_code in (404, 405)
