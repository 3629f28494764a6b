"""Journeys of the members feature, in Arabic and in Greek: complete a profile with a
picture, be found in the directory by country and expertise, download my data.

Selectors use form field names and URLs, not words, so the journeys hold whether or
not the catalogs are translated yet.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible

JOURNEYS = [
    pytest.param("ar", "rtl", "JO", "نور الهدى العلي", "إربد", id="arabic"),
    pytest.param("el", "ltr", "GR", "Ελένη Γεωργίου", "Πάτρα", id="greek"),
]


def _picture(tmp_path) -> str:
    path = tmp_path / "portrait.jpg"
    image = Image.new("RGB", (900, 600), (30, 110, 140))
    image.save(path, format="JPEG")
    return str(path)


def _loaded(page: Page, selector: str) -> bool:
    """Whether the picture arrived and decoded (waiting until the browser is done with it)."""
    page.wait_for_function(
        "selector => document.querySelector(selector)?.complete", arg=selector, timeout=10_000
    )
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize(("locale", "direction", "country", "name", "city"), JOURNEYS)
def test_a_member_completes_a_profile_is_found_and_downloads_their_data(
    page: Page, create_account, sign_in, tmp_path, browser, base_url, live_app, outbox,
    locale, direction, country, name, city,
):  # fmt: skip
    account = create_account(display_name=name, locale=locale, country=country)
    path = "/members/" + quote(account.handle)  # Arabic and Greek handles, percent-encoded
    sign_in(account)

    # The generated avatar shows the initials before any upload.
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert _loaded(page, ".profile-head img.avatar")

    # Complete the profile.
    page.goto("/members/settings/profile")
    form = page.locator("form:has(textarea[name=bio])")
    form.locator("input[name=organisation]").fill("Cooperativa Mediterranea")
    form.locator("select[name=organisation_kind]").select_option("sse_organisation")
    form.locator("select[name=profession]").select_option("trainer")
    form.locator("input[name=city]").fill(city)
    form.locator(f"input[name=languages][value={locale}]").check()
    form.locator("input[name=languages][value=en]").check()
    form.locator("input[name=expertise]").fill("complementary currencies, co-production")
    form.locator("textarea[name=bio]").fill(f"{name}: **training** <script>alert(1)</script>")
    form.locator("input[name=link1]").fill("https://example.org/coop")
    form.locator("input[name=visibility][value=public]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(base_url + path)
    expect(page.locator(".profile-bio strong")).to_have_text("training")
    expect(page.locator(".profile-head")).to_contain_text(city)
    assert page.locator(".profile-bio script").count() == 0

    # Upload a picture: it comes back as a small square.
    page.goto("/members/settings/avatar")
    page.locator("input[name=image]").set_input_files(_picture(tmp_path))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    avatar = page.locator(".avatar-preview img.avatar")
    expect(avatar).to_have_attribute("src", re.compile(rf"^{path}/avatar\?v=[0-9a-f]{{16}}$"))
    assert _loaded(page, ".avatar-preview img.avatar")
    assert page.eval_on_selector(".avatar-preview img.avatar", "img => img.naturalWidth") == 256

    # A visitor finds the member in the directory by country and expertise.
    visitor = browser.new_context(base_url=base_url, locale=locale)
    other = visitor.new_page()
    other.goto("/members/")
    filters = other.locator("form.directory-filters")
    filters.locator("select[name=country]").select_option(country)
    filters.locator("input[name=expertise]").fill("complementary currencies")
    filters.locator("button[type=submit]").click()
    expect(other).to_have_url(
        re.compile(rf"country={country}&.*expertise=complementary\+currencies")
    )
    card = other.locator(".member-card", has=other.locator(f"a[href='{path}']"))
    expect(card).to_be_visible()
    expect(card).to_contain_text("Cooperativa Mediterranea")
    assert _loaded(other, f".member-card img[src^='{path}/avatar']")
    visitor.close()

    # Ask for my data; the cron command builds it and emails the link.
    page.goto("/members/settings/data")
    page.locator("form[action='/members/settings/data/export'] button[type=submit]").click()
    expect(page.locator(".export-state")).to_be_visible()
    with live_app.app_context():
        from cop.jobs import runner

        assert runner.run_due() == 1
    (message,) = outbox
    assert re.search(r"/members/settings/data/export/[\w.-]+", message.body)
    page.goto("/members/settings/data")
    # The page's link is signed afresh (with its own timestamp), so it may differ from the
    # emailed one by a second; tests/members/test_exports.py follows the emailed link.
    with page.expect_download() as download_info:
        page.locator("a[href^='/members/settings/data/export/']").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    profile = json.loads(archive.read("profile.json"))
    assert profile["display_name"] == name
    assert profile["city"] == city
    assert sorted(profile["expertise"]) == ["co_production", "complementary_currencies"]
    assert "files/avatar.webp" in archive.namelist()
    assert json.loads(archive.read("settings.json"))["interface_language"] == locale


def test_the_directory_and_settings_work_without_javascript(nojs_page: Page, create_account):
    account = create_account(display_name="Ελένη Χωρίς Σενάριο", locale="el", country="GR")
    nojs_page.goto("/auth/sign-in")
    nojs_page.locator("input[name=email]").fill(account.email)
    nojs_page.locator("input[name=password]").fill(account.password)
    nojs_page.locator("form:has(input[name=password]) [type=submit]").click()
    nojs_page.goto("/members/settings/preferences")
    nojs_page.locator("select[name=format_locale]").select_option("el_CY")
    nojs_page.locator("input[name=timezone]").fill("Asia/Nicosia")
    nojs_page.locator("form:has(select[name=format_locale]) button[type=submit]").click()
    expect(nojs_page.locator(".flash-success")).to_be_visible()
    nojs_page.goto("/members/?country=GR")
    expect(nojs_page.locator(".member-cards")).to_be_visible()


MEMBER_PAGES = [
    "/members/",
    "/members/?country=TN&expertise=training",
    "/members/%D8%B9%D9%85%D8%B1_%D8%A7%D9%84%D8%AE%D8%B7%D9%8A%D8%A8",  # عمر_الخطيب, a demo member
    "/members/settings/profile",
    "/members/settings/avatar",
    "/members/settings/preferences",
    "/members/settings/email",
    "/members/settings/data",
]


@pytest.mark.parametrize("url", MEMBER_PAGES)
def test_member_pages_pass_an_accessibility_check_and_the_csp(
    page: Page, create_account, sign_in, url: str
):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(create_account(locale="ar"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert_accessible(page)
