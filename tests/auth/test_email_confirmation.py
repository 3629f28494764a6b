"""Registration confirms the email address before the member writes."""

from __future__ import annotations

import re

import pytest

from cop.auth.confirming import make_confirm_token
from cop.extensions import db
from cop.members.models import Member
from tests.auth.test_register import form


def confirm_link(app) -> str:
    message = app.extensions["mailman"].outbox[-1]
    return re.search(r"https?://\S+/auth/confirm/[\w.\-]+", message.body).group(0)


def path_of(link: str) -> str:
    return link.split("cop.test", 1)[1]


def registered(client, app, **overrides) -> Member:
    response = client.post("/auth/register", data=form(**{"locale": "en", **overrides}))
    assert response.status_code == 302
    return db.session.scalar(db.select(Member).where(Member.email == "ana@example.org"))


def test_registration_sends_a_link_and_the_member_is_not_confirmed_yet(client, app):
    member = registered(client, app)
    assert member.email_confirmed_at is None
    message = app.extensions["mailman"].outbox[-1]
    assert message.to == ["ana@example.org"]
    assert "/auth/confirm/" in message.body
    page = client.get("/").get_data(as_text=True)
    assert "Please confirm your email address" in page
    assert 'action="/auth/confirm/resend"' in page or "/auth/confirm/resend" in page


def test_the_link_asks_then_confirms_with_a_post(client, app):
    member = registered(client, app)
    path = path_of(confirm_link(app))
    shown = client.get(path)
    assert shown.status_code == 200
    db.session.refresh(member)
    assert member.email_confirmed_at is None  # a mail scanner's GET changes nothing
    response = client.post(path)
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.email_confirmed_at is not None
    assert "Please confirm your email address" not in client.get("/").get_data(as_text=True)


def test_an_already_used_link_says_the_address_is_confirmed(client, app):
    registered(client, app)
    path = path_of(confirm_link(app))
    client.post(path)
    again = client.post(path, follow_redirects=True)
    assert again.status_code == 200
    assert "Your email address is confirmed already." in again.get_data(as_text=True)


def test_an_expired_link_confirms_nothing(client, app, monkeypatch):
    member = registered(client, app)
    token = make_confirm_token(member)
    monkeypatch.setitem(app.config, "EMAIL_CONFIRM_MAX_AGE", -1)  # every link is too old
    response = client.post(f"/auth/confirm/{token}")
    assert response.status_code == 410
    assert "This link has expired." in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.email_confirmed_at is None


@pytest.mark.parametrize("change", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "abc"])
def test_a_tampered_link_confirms_nothing(client, app, change):
    member = registered(client, app)
    token = path_of(confirm_link(app)).rsplit("/", 1)[1]
    response = client.post(f"/auth/confirm/{change(token)}")
    assert response.status_code == 410
    assert "This link is not valid" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.email_confirmed_at is None


def test_a_link_for_an_address_the_member_replaced_does_nothing(client, app):
    member = registered(client, app)
    token = make_confirm_token(member)
    member.email = "other@example.org"
    db.session.commit()
    assert client.post(f"/auth/confirm/{token}").status_code == 410
    db.session.refresh(member)
    assert member.email_confirmed_at is None


def test_resending_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_CONFIRM_RESEND", "2 per hour")
    registered(client, app)
    sent = len(app.extensions["mailman"].outbox)
    assert client.post("/auth/confirm/resend", data={"next": "/"}).status_code == 302
    assert client.post("/auth/confirm/resend", data={"next": "/"}).status_code == 302
    refused = client.post("/auth/confirm/resend", data={"next": "/"})
    assert refused.status_code == 429
    assert len(app.extensions["mailman"].outbox) == sent + 2


def test_resending_to_a_confirmed_member_sends_nothing(client, app, make_member, login):
    member = make_member()
    login(member)
    response = client.post("/auth/confirm/resend", data={"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert app.extensions["mailman"].outbox == []


def test_the_address_stays_reserved_while_unconfirmed(client, app, make_member):
    make_member(email="ana@example.org", email_confirmed=False)
    response = client.post("/auth/register", data=form(password="another long phrase here"))
    assert response.status_code == 422
    assert "An account with this email address exists already" in response.get_data(as_text=True)
    count = db.session.scalar(db.select(db.func.count()).select_from(Member))
    assert count == 1


def test_resend_is_for_members_only(client):
    response = client.post("/auth/confirm/resend")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_changing_the_address_confirms_the_new_one_first(client, app, make_member, login):
    member = make_member(email="old@example.org")
    login(member)
    client.post(
        "/members/settings/email",
        data={"new_email": "new@example.org", "password": "a long and quiet river"},
    )
    db.session.refresh(member)
    assert member.email == "old@example.org"
    link = re.search(
        r"https?://\S+/members/settings/email/confirm/\S+",
        app.extensions["mailman"].outbox[-1].body,
    ).group(0)
    client.post(path_of(link))
    db.session.refresh(member)
    assert member.email == "new@example.org"
    assert member.email_confirmed_at is not None


def test_an_unconfirmed_member_who_mistyped_confirms_by_changing_the_address(
    client, app, make_member, login
):
    member = make_member(email="typo@exmaple.org", email_confirmed=False)
    login(member)
    client.post(
        "/members/settings/email",
        data={"new_email": "right@example.org", "password": "a long and quiet river"},
    )
    link = re.search(
        r"https?://\S+/members/settings/email/confirm/\S+",
        app.extensions["mailman"].outbox[-1].body,
    ).group(0)
    client.post(path_of(link))
    db.session.refresh(member)
    assert (member.email, member.is_email_confirmed) == ("right@example.org", True)
