import re

from cop.auth import services
from tests.conftest import PASSWORD


def signed_in_as(client) -> str | None:
    html = client.get("/").get_data(as_text=True)
    return html if 'class="menu"' in html else None


def test_members_sign_in_with_email_and_password(client, make_member, login):
    member = make_member(display_name="Sami Ben Salah")
    login(member)
    assert "Sami Ben Salah" in signed_in_as(client)


def test_wrong_password_and_unknown_email_get_the_same_answer(client, make_member):
    member = make_member()
    wrong_password = client.post(
        "/auth/sign-in", data={"email": member.email, "password": "not the password"}
    )
    unknown_email = client.post(
        "/auth/sign-in", data={"email": "nobody@example.org", "password": "not the password"}
    )
    assert wrong_password.status_code == unknown_email.status_code == 422

    def without_emails(response) -> str:
        html = response.get_data(as_text=True)
        html = re.sub(r'name="csrf_token"[^>]*>', "", html)  # tokens carry a timestamp
        return html.replace(member.email, "").replace("nobody@example.org", "")

    assert without_emails(wrong_password) == without_emails(unknown_email)
    assert "That email address and password do not match." in without_emails(wrong_password)


def test_sign_in_renews_the_session(client, make_member, login):
    member = make_member()
    client.get("/")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(member)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == member.get_id()


def test_sign_out_is_a_post_and_a_copied_cookie_dies_with_it(app, client, make_member, login):
    member = make_member()
    login(member)
    assert client.get("/auth/sign-out").status_code == 405
    copied = app.test_client()
    copied.set_cookie(
        "session", client.get_cookie("session", domain="cop.test").value, domain="cop.test"
    )
    assert signed_in_as(copied)

    client.post("/auth/sign-out")
    assert signed_in_as(client) is None
    assert signed_in_as(copied) is None


def test_a_remember_me_cookie_stops_working_after_sign_out(app, client, make_member, login):
    member = make_member()
    login(member, remember=True)
    remember = client.get_cookie("remember_token", domain="cop.test")
    assert remember is not None
    stolen = app.test_client()
    stolen.set_cookie("remember_token", remember.value, domain="cop.test")
    assert signed_in_as(stolen)

    client.post("/auth/sign-out")
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember.value, domain="cop.test")
    assert signed_in_as(fresh) is None


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(
    app, client, db, make_member, login
):
    member = make_member()
    login(member)
    other_device = app.test_client()
    other_device.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
    assert signed_in_as(other_device)

    response = client.post(
        "/auth/password",
        data={"current_password": PASSWORD, "new_password": "a fresher passphrase"},
    )
    assert response.status_code == 302
    assert signed_in_as(client)
    assert signed_in_as(other_device) is None
    db.session.refresh(member)
    assert services.authenticate(member.email, "a fresher passphrase") == member


def test_changing_the_password_needs_the_current_one(client, make_member, login):
    member = make_member()
    login(member)
    response = client.post(
        "/auth/password",
        data={"current_password": "a wrong guess", "new_password": "a fresher passphrase"},
    )
    assert response.status_code == 422
    assert "This is not your current password." in response.get_data(as_text=True)
    assert services.authenticate(member.email, PASSWORD) is not None


def test_pages_for_members_send_visitors_to_sign_in(client):
    response = client.get("/auth/password")
    assert response.status_code == 302
    assert "/auth/sign-in?next=" in response.headers["Location"]


def test_sign_in_follows_next_only_within_the_site(client, make_member):
    member = make_member()
    data = {"email": member.email, "password": PASSWORD}
    inside = client.post("/auth/sign-in?next=/auth/password", data=data)
    assert inside.headers["Location"] == "/auth/password"
    client.post("/auth/sign-out")
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(f"/auth/sign-in?next={evil}", data=data)
        assert response.headers["Location"] == "/"
        client.post("/auth/sign-out")
