"""A profile saved from two tabs at once: the stale save is refused and loses nothing."""

from __future__ import annotations

from cop.members.models import Member
from tests.members.test_profile import FULL_PROFILE
from tests.threads.test_edit_conflicts import conflict_parts, shown_version


def test_a_stale_profile_save_is_refused_and_shows_the_saved_profile(
    client, make_member, login, db
):
    member = make_member()
    login(member)
    version = shown_version(client.get("/members/settings/profile").get_data(as_text=True))
    first = {**FULL_PROFILE, "bio": "Bio from the phone", "version": version}
    assert client.post("/members/settings/profile", data=first).status_code == 302

    response = client.post(
        "/members/settings/profile", data={**first, "bio": "Bio from the laptop"}
    )

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    section, form = conflict_parts(html)
    assert "Bio from the phone" in section and "Bio from the laptop" in form
    db.session.expire_all()
    assert db.session.get(Member, member.id).bio == "Bio from the phone"
    again = {**first, "bio": "Bio from the laptop", "version": shown_version(html)}
    assert client.post("/members/settings/profile", data=again).status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, member.id).bio == "Bio from the laptop"


def test_a_profile_form_sent_without_a_version_is_still_saved(client, make_member, login, db):
    member = make_member()
    login(member)
    response = client.post("/members/settings/profile", data=FULL_PROFILE)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, member.id).version == 2
