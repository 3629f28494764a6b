"""Regional formats and time zones apply on every page; the interface language stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import format_datetime, get_domain, get_locale, gettext, refresh
from flask_login import login_user

from cop.extensions import db as _db
from cop.i18n import formatting_locale
from cop.members.models import Member
from tests.conftest import build_app

MOMENT = datetime(2026, 11, 26, 18, 5, tzinfo=UTC)


@pytest.fixture
def three_members(make_member):
    return {
        "JO": make_member(country="JO", locale="ar", format_locale="ar_JO", timezone="Asia/Amman"),
        "TN": make_member(country="TN", locale="ar", format_locale="ar_TN", timezone="Africa/Tunis"),
        "ES": make_member(country="ES", locale="es", format_locale="es_ES", timezone="Europe/Madrid"),
    }  # fmt: skip


def test_one_timestamp_reads_differently_in_jordan_tunisia_and_spain(
    client, login, three_members, make_member, db
):
    subject = make_member(display_name="Subject Person", created_at=MOMENT)
    pages = {}
    for country, member in three_members.items():
        login(member)
        pages[country] = client.get(f"/members/{subject.handle}").get_data(as_text=True)
        client.post("/auth/sign-out")
    assert "26 تشرين الثاني 2026" in pages["JO"]  # Levantine month names
    assert "26 نوفمبر 2026" in pages["TN"]  # Maghreb month names
    assert "26 de noviembre de 2026" in pages["ES"]
    assert '<html lang="ar" dir="rtl">' in pages["JO"]
    assert '<html lang="ar" dir="rtl">' in pages["TN"]
    assert '<html lang="es" dir="ltr">' in pages["ES"]


def test_the_time_zone_and_format_apply_to_the_datetime_filter(app, three_members):
    seen = {}
    for country, member in three_members.items():
        with app.test_request_context():
            login_user(member)
            refresh()  # the app context outlives these request contexts in tests
            seen[country] = format_datetime(MOMENT, "medium")
    assert "9:05:00" in seen["JO"]  # Amman is UTC+3
    assert "7:05:00" in seen["TN"]  # Tunis is UTC+1
    assert "19:05:00" in seen["ES"]  # Madrid is UTC+1, 24-hour clock
    assert len(set(seen.values())) == 3


def test_visitors_get_utc_and_the_plain_language(app):
    with app.test_request_context(headers={"Accept-Language": "el"}):
        refresh()
        assert str(get_locale()) == "el"
        assert "6:05:00" in format_datetime(MOMENT, "medium")


@pytest.mark.parametrize(
    ("language", "chosen", "expected"),
    [
        ("ar", "ar_JO", "ar_JO"),
        ("fr", "ar_TN", "fr_TN"),  # the region follows into the new language
        ("el", "ar_JO", "el"),  # no Greek of Jordan in CLDR: plain Greek
        ("pt", None, "pt"),
        ("es", "not a locale!", "es"),
    ],
)
def test_the_formatting_locale_always_matches_the_interface_language(language, chosen, expected):
    assert formatting_locale(language, chosen) == expected


def test_a_regional_format_still_uses_the_languages_translations(
    database_url, tmp_path, app, make_member
):
    catalog = Catalog(locale="ar", fuzzy=False)
    catalog.add("Members", "الأعضاء")
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    member_id = make_member(locale="ar", format_locale="ar_JO").id
    other = build_app(database_url, BABEL_TRANSLATION_DIRECTORIES=str(tmp_path))
    with other.test_request_context():
        login_user(_db.session.get(Member, member_id))
        refresh()
        get_domain().cache.clear()  # one Babel extension serves every app in this process
        assert str(get_locale()) == "ar_JO"
        assert gettext("Members") == "الأعضاء"
        _db.session.remove()
        _db.engine.dispose()
    get_domain().cache.clear()


def test_saving_preferences_changes_language_format_and_zone(client, make_member, login, db):
    member = make_member(locale="en")
    login(member)
    response = client.post(
        "/members/settings/preferences",
        data={"locale": "pt", "format_locale": "pt_PT", "timezone": "Europe/Lisbon"},
    )
    assert response.status_code == 302
    db.session.refresh(member)
    assert (member.locale, member.format_locale, member.timezone) == (
        "pt",
        "pt_PT",
        "Europe/Lisbon",
    )
    page = client.get("/members/settings/preferences").get_data(as_text=True)
    assert '<html lang="pt"' in page


@pytest.mark.parametrize(
    "data",
    [
        {"locale": "xx"},
        {"locale": "en", "timezone": "Mars/Olympus"},
        {"locale": "en", "format_locale": "tlh_QO"},
    ],
)
def test_bad_preferences_are_refused(client, make_member, login, data):
    login(make_member())
    assert client.post("/members/settings/preferences", data=data).status_code == 422


@pytest.mark.parametrize(
    ("country", "expected"),
    [("JO", "9:05:00"), ("TN", "7:05:00"), ("ES", "7:05:00"), ("US", "6:05:00")],
)
def test_without_a_chosen_zone_the_countrys_zone_is_used(app, make_member, country, expected):
    member = make_member(country=country, locale="en")
    with app.test_request_context():
        login_user(member)
        refresh()
        assert expected in format_datetime(MOMENT, "medium")
