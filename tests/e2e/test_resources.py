"""Journeys of the resource library, in English and in Arabic: share a resource with two
language versions, find it with the filters, download it and get the same bytes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cop.resources import samples
from tests.e2e.conftest import assert_accessible


def share(page: Page, *, title: str, language: str, country: str, file: tuple[str, bytes]):
    page.goto("/resources/share")
    page.locator("input[name=title]").fill(title)
    page.locator("select[name=type]").select_option("toolkit")
    page.locator("textarea[name=description]").fill("A **toolkit** for the national workshops.")
    page.locator("select[name=original_language]").select_option(language)
    page.locator("select[name=country]").select_option(country)
    page.locator("input[name=tags]").fill("browser journey, co-production")
    page.locator("select[name=licence]").select_option("cc-by-4.0")
    page.locator("input[name=source]").fill("National workshop")
    name, content = file
    page.locator("input[name=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.locator("select[name=file_language]").select_option(language)
    page.locator("select[name=category]").select_option(index=1)
    page.locator("form[enctype] [type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)


def add_version(page: Page, *, language: str, file: tuple[str, bytes]):
    page.locator("a[href$='/versions/new']").first.click()
    page.locator("select[name=language]").select_option(language)
    name, content = file
    page.locator("input[name=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.locator("form[enctype] [type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()


def find(page: Page, *, title: str, language: str, country: str):
    page.goto("/resources/")
    filters = page.locator("form.resource-filters")
    filters.locator("select[name=language]").select_option(language)
    filters.locator("select[name=country]").select_option(country)
    filters.locator("select[name=tag]").select_option("browser journey")
    filters.locator("select[name=sort]").select_option("title")
    filters.locator("[type=submit]").click()
    assert f"language={language}" in page.url
    cards = page.locator(".resource-card")
    expect(cards).to_have_count(1)
    cards.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title)


def download(page: Page, version: str, tmp_path: Path) -> tuple[str, bytes]:
    block = page.locator(".language-version", has=page.locator(f"h3:text-is('{version}')"))
    with page.expect_download() as info:
        block.locator("a.button.primary").click()
    done = info.value
    target = tmp_path / "downloaded"
    done.save_as(target)
    return done.suggested_filename, target.read_bytes()


def test_a_member_shares_two_language_versions_and_a_visitor_downloads_them(
    page: Page, browser, base_url, create_account, sign_in, tmp_path
):
    english = samples.pdf(["Browser journey toolkit", "English"])
    spanish = samples.pdf(["Browser journey toolkit", "Espanol"])
    sign_in(create_account(locale="en"))
    share(
        page,
        title="Browser journey toolkit",
        language="en",
        country="PT",
        file=("journey-toolkit.pdf", english),
    )
    add_version(page, language="es", file=("guía del viaje.pdf", spanish))
    expect(page.locator(".language-version")).to_have_count(2)
    expect(page.get_by_text("Discuss this resource")).to_be_visible()

    # A visitor (signed out) finds it with the filters and downloads the Spanish file.
    visitor = browser.new_context(base_url=base_url, accept_downloads=True).new_page()
    find(visitor, title="Browser journey toolkit", language="es", country="PT")
    name, content = download(visitor, "Spanish", tmp_path)
    assert name == "guía del viaje.pdf"
    assert content == spanish
    name, content = download(visitor, "English", tmp_path)
    assert (name, content) == ("journey-toolkit.pdf", english)
    visitor.context.close()


def test_the_same_journey_in_arabic(page: Page, create_account, sign_in, tmp_path):
    arabic = samples.pdf(["Arabic toolkit"])
    french = samples.pdf(["Boite a outils"])
    sign_in(create_account(locale="ar", country="JO"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    title = "دليل ورشة العمل الوطنية للرحلة"
    share(page, title=title, language="ar", country="JO", file=("دليل الورشة.pdf", arabic))
    add_version(page, language="fr", file=("boîte à outils.pdf", french))
    # The reader's language comes first.
    expect(page.locator(".language-version").first).to_have_class(
        "language-version is-reader-language"
    )

    find(page, title=title, language="fr", country="JO")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    first_heading = page.locator(".language-version h3").first.inner_text()
    name, content = download(page, first_heading.split()[0], tmp_path)
    assert (name, content) == ("دليل الورشة.pdf", arabic)
    # Nothing overflows a phone screen in right-to-left.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("path", ["/resources/", "/resources/1", "/resources/share"])
def test_library_pages_pass_an_accessibility_check_without_csp_errors(
    page: Page, create_account, sign_in, path: str
):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(create_account(locale="ar"))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert_accessible(page)


def test_without_javascript_a_corrected_form_shares_the_file_chosen_the_first_time(
    nojs_page: Page, create_account, sign_in
):
    page = nojs_page
    sign_in(create_account(locale="en"), page)
    content = samples.pdf(["Kept across a correction"])
    page.goto("/resources/share")
    page.locator("select[name=type]").select_option("toolkit")
    page.locator("select[name=licence]").select_option("cc-by-4.0")
    page.locator("select[name=category]").select_option(index=1)
    page.locator("input[name=file]").set_input_files(
        {"name": "kept guide.pdf", "mimeType": "application/pdf", "buffer": content}
    )
    page.locator("form[enctype] [type=submit]").click()  # no title yet

    expect(page.locator("#title-error")).to_be_visible()
    expect(page.locator(".kept-file")).to_contain_text("kept guide.pdf")
    page.locator("input[name=title]").fill("Kept across a correction")
    page.locator("form[enctype] [type=submit]").click()  # the file is not chosen again

    expect(page.locator("h1")).to_have_text("Kept across a correction")
    expect(page.locator("a[href*='/download']").first).to_be_visible()
