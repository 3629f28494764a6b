"""Headers, cookies, CSRF and rate limits: security from the first line."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import PASSWORD, build_app


def test_every_page_carries_the_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(client):
    html = client.get("/auth/register").get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_session_cookies_are_httponly_and_lax(client, make_member, login):
    login(make_member(), remember=True)
    cookies = {c.key: c for c in client._cookies.values()}
    for name in ("session", "remember_token"):
        assert cookies[name].http_only, name
        assert cookies[name].same_site == "Lax", name


def test_cookies_are_secure_when_served_over_https():
    app = build_app("sqlite://", PREFERRED_URL_SCHEME="https")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


@pytest.fixture
def csrf_client(db, database_url):
    return build_app(database_url, WTF_CSRF_ENABLED=True).test_client()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/auth/sign-in", {"email": "a@example.org", "password": PASSWORD}),
        ("/auth/register", {"display_name": "A", "email": "a@example.org"}),
        ("/auth/forgot", {"email": "a@example.org"}),
        ("/auth/sign-out", {}),
        ("/language", {"locale": "ar"}),
    ],
)
def test_state_changes_without_a_csrf_token_are_refused_with_a_translated_page(
    csrf_client, url, data
):
    response = csrf_client.post(url, data=data, headers={"Accept-Language": "es"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="es"' in html and "site-header" in html


def test_a_form_with_its_csrf_token_goes_through(csrf_client, make_member):
    member = make_member()
    page = csrf_client.get("/auth/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post(
        "/auth/sign-in", data={"email": member.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "data", "limit_key"),
    [
        (
            "/auth/sign-in",
            {"email": "x@example.org", "password": "wrong guess"},
            "RATELIMIT_SIGN_IN",
        ),
        ("/auth/register", {"display_name": ""}, "RATELIMIT_REGISTER"),
        ("/auth/forgot", {"email": "x@example.org"}, "RATELIMIT_PASSWORD_RESET"),
    ],
)
def test_sign_in_registration_and_reset_are_rate_limited_with_a_translated_page(
    db, database_url, url, data, limit_key
):
    app = build_app(database_url, **{limit_key: "3 per minute"})
    client = app.test_client()
    codes = [client.post(url, data=data).status_code for _ in range(3)]
    assert 429 not in codes
    blocked = client.post(url, data=data, headers={"Accept-Language": "el"})
    assert blocked.status_code == 429
    html = blocked.get_data(as_text=True)
    assert '<html lang="el"' in html and "site-header" in html
    assert client.get(url).status_code == 200, "reading the form is never limited"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="no REDIS_URL: run scripts/redis.sh")
def test_rate_limits_live_in_redis_when_cop_redis_url_is_set(db, database_url):
    import redis

    app = build_app(
        database_url, REDIS_URL=os.environ["REDIS_URL"], RATELIMIT_SIGN_IN="2 per minute"
    )
    app.config["RATELIMIT_KEY_PREFIX"] = f"cop-test-{os.getpid()}"
    assert app.config["RATELIMIT_STORAGE_URI"] == os.environ["REDIS_URL"]
    client = app.test_client()
    data = {"email": "x@example.org", "password": "wrong guess"}
    codes = [client.post("/auth/sign-in", data=data).status_code for _ in range(3)]
    assert codes[-1] == 429
    with redis.Redis.from_url(os.environ["REDIS_URL"]) as r:
        assert any(True for _ in r.scan_iter("*LIMITER*"))
        for key in r.scan_iter("*LIMITER*"):
            r.delete(key)
