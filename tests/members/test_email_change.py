"""Changing the email address: only after the new address confirms it."""

from __future__ import annotations

import re

from tests.conftest import PASSWORD


def _ask(client, new_email, password=PASSWORD):
    return client.post(
        "/members/settings/email", data={"new_email": new_email, "password": password}
    )


def _link(message) -> str:
    return re.search(r"http://\S+/members/settings/email/confirm/\S+", message.body).group(0)


def test_the_address_changes_only_when_the_link_is_confirmed(
    client, make_member, login, outbox, db
):
    member = make_member(email="old@example.org", locale="el")
    login(member)
    response = _ask(client, "New@Example.org")
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.email == "old@example.org"
    assert [m.to for m in outbox] == [["new@example.org"]]
    link = _link(outbox[0])
    path = link.split("cop.test", 1)[1]
    assert "new@example.org" in client.get(path).get_data(as_text=True)
    db.session.refresh(member)
    assert member.email == "old@example.org"  # opening the link alone changes nothing
    response = client.post(path)
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.email == "new@example.org"
    # The old address hears about it; the member stays signed in on this device.
    assert outbox[-1].to == ["old@example.org"]
    assert client.get("/members/settings/email").status_code == 200
    # The link works once.
    client.post(path)
    assert client.post(path).status_code == 302
    db.session.refresh(member)
    assert member.email == "new@example.org"


def test_the_confirmation_mail_is_in_the_members_language(client, make_member, login, outbox):
    login(make_member(locale="ar"))
    _ask(client, "new@example.org")
    assert 'lang="ar" dir="rtl"' in outbox[0].alternatives[0][0]


def test_a_wrong_password_is_refused(client, make_member, login, outbox):
    login(make_member())
    response = _ask(client, "new@example.org", password="not my password")
    assert response.status_code == 422
    assert "not your current password" in response.get_data(as_text=True)
    assert outbox == []


def test_an_address_used_by_another_account_gets_no_mail_and_no_hint(
    client, make_member, login, outbox
):
    make_member(email="taken@example.org")
    login(make_member())
    response = _ask(client, "taken@example.org")
    assert response.status_code == 302
    assert outbox == []


def test_an_invalid_address_is_refused(client, make_member, login):
    login(make_member())
    assert _ask(client, "not an address").status_code == 422


def test_a_forged_or_stale_link_changes_nothing(client, make_member, login, outbox, db):
    member = make_member(email="old@example.org")
    login(member)
    _ask(client, "new@example.org")
    path = _link(outbox[0]).split("cop.test", 1)[1]
    assert client.post(path + "x").status_code == 302
    client.post("/auth/sign-out")  # signing out everywhere retires pending links
    assert client.post(path).status_code == 302
    db.session.refresh(member)
    assert member.email == "old@example.org"


def test_the_new_address_is_used_to_sign_in(client, make_member, login, outbox):
    member = make_member(email="old@example.org")
    login(member)
    _ask(client, "new@example.org")
    client.post(_link(outbox[0]).split("cop.test", 1)[1])
    client.post("/auth/sign-out")
    response = client.post("/auth/sign-in", data={"email": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
