"""Which language a page speaks, and how it is chosen and remembered."""

from __future__ import annotations

import pytest
from babel import Locale

from cop.i18n import SUPPORTED_LOCALES


def html_tag(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.index("<html") : html.index(">", html.index("<html")) + 1]


@pytest.mark.parametrize("code", SUPPORTED_LOCALES)
def test_accept_language_decides_for_visitors(client, code):
    response = client.get("/", headers={"Accept-Language": f"{code};q=0.9,de;q=0.5"})
    direction = "rtl" if code == "ar" else "ltr"
    assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'


def test_unsupported_languages_fall_back_to_english(client):
    response = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert html_tag(response) == '<html lang="en" dir="ltr">'


def test_a_visitor_switches_language_from_any_page(client):
    response = client.post("/language", data={"locale": "el", "next": "/auth/sign-in"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/sign-in"
    page = client.get("/auth/sign-in", headers={"Accept-Language": "fr"})
    assert html_tag(page) == '<html lang="el" dir="ltr">'


def test_the_switch_never_redirects_off_site(client):
    response = client.post("/language", data={"locale": "ar", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_refused(client):
    assert client.post("/language", data={"locale": "xx"}).status_code == 400


def test_switching_language_is_not_possible_with_get(client):
    assert client.get("/language?locale=ar").status_code == 405


def test_a_members_choice_is_saved_on_the_account(app, client, db, make_member, login):
    member = make_member(locale="es")
    login(member)
    assert html_tag(client.get("/")) == '<html lang="es" dir="ltr">'
    client.post("/language", data={"locale": "ar"})
    db.session.refresh(member)
    assert member.locale == "ar"
    other_device = app.test_client()
    other_device.post(
        "/auth/sign-in", data={"email": member.email, "password": "a long and quiet river"}
    )
    assert html_tag(other_device.get("/", headers={"Accept-Language": "pt"})) == (
        '<html lang="ar" dir="rtl">'
    )


def test_signing_in_keeps_the_language_chosen_before_over_the_profiles(
    client, db, make_member, login
):
    member = make_member(locale="es")
    client.post("/language", data={"locale": "en"})
    login(member)
    assert html_tag(client.get("/")) == '<html lang="en" dir="ltr">'
    db.session.refresh(member)
    assert member.locale == "es"  # the profile is left alone until they change it
    client.post("/language", data={"locale": "fr"})
    assert html_tag(client.get("/")) == '<html lang="fr" dir="ltr">'
    db.session.refresh(member)
    assert member.locale == "fr"


def test_without_a_choice_before_signing_in_the_profiles_language_is_used(
    client, make_member, login
):
    login(make_member(locale="el"))
    assert html_tag(client.get("/", headers={"Accept-Language": "pt"})) == (
        '<html lang="el" dir="ltr">'
    )


def test_pages_are_translated(client):
    response = client.get("/auth/sign-in", headers={"Accept-Language": "fr"})
    html = response.get_data(as_text=True)
    sign_in = "Sign in"
    assert sign_in not in html.split("<footer")[0], "the French page still shows English"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ar", Locale.parse("ar").territories["JO"]), ("el", "Ελλάδα"), ("es", "Portugal")],
)
def test_country_names_are_in_the_readers_language(client, code, expected):
    html = client.get("/auth/register", headers={"Accept-Language": code}).get_data(as_text=True)
    assert expected in html


@pytest.mark.parametrize("code", ["en", "ar"])
def test_dates_follow_the_locale(app, code):
    from datetime import UTC, datetime

    from flask_babel import force_locale

    from cop.templating import localized_datetime

    moment = datetime(2026, 3, 8, 15, 30, tzinfo=UTC)
    with app.test_request_context(), force_locale(code):
        text = localized_datetime(moment)
    # English "Mar 8, 2026, 3:30:00 PM"; Arabic uses its comma and its afternoon mark.
    assert ("Mar 8, 2026" in text) if code == "en" else ("،" in text and "م" in text)
