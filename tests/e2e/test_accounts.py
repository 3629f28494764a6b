"""Journeys of the foundation: register, sign out and in, Arabic, password reset."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


def test_a_visitor_registers_signs_out_and_signs_in_again(page: Page):
    page.goto("/")
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Display name").fill("Ana Pereira")
    page.get_by_label("Email address").fill("ana.pereira@example.org")
    page.get_by_label("Password").fill("sharing training materials")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label("I have read the code of conduct and accept it").check()
    page.get_by_label("I have read the privacy notice and accept it").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Welcome to the community, \u2068Ana Pereira\u2069!")).to_be_visible()

    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()

    nav.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("ana.pereira@example.org")
    page.get_by_label("Password").fill("sharing training materials")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("details.menu summary")).to_have_text("Ana Pereira")


def test_switching_to_arabic_gives_a_right_to_left_page(page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    page.get_by_role("button", name="العربية").click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The brand sits at the right edge in a right-to-left header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > 360 / 2
    # Nothing overflows a 360 px phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The choice sticks while browsing.
    page.goto("/auth/sign-in")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_a_member_resets_a_forgotten_password_through_the_emailed_link(
    page: Page, create_account, outbox
):
    account = create_account(locale="en")
    page.goto("/auth/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email address").fill(account.email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("we have sent it a link")).to_be_visible()

    assert len(outbox) == 1
    link = re.search(r"http://\S+/auth/reset/\S+", outbox[0].body).group(0)
    page.goto(link)
    page.get_by_label("New password").fill("a brand new passphrase")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your new password is set.")).to_be_visible()

    # The link works once only.
    page.goto(link)
    expect(page.get_by_text("This link has expired or was used already.")).to_be_visible()

    # The old password no longer signs in.
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    page.goto("/auth/sign-in")
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That email address and password do not match.")).to_be_visible()


def test_registration_works_without_javascript(nojs_page: Page):
    page = nojs_page
    page.goto("/auth/register")
    page.get_by_label("Display name").fill("Youssef Trabelsi")
    page.get_by_label("Email address").fill("youssef@example.org")
    page.get_by_label("Password").fill("short")
    page.get_by_label("Country").select_option("TN")
    page.get_by_role("button", name="Create my account").click()
    # A wrong field keeps everything typed and says what is wrong.
    expect(page.get_by_text("Use between 8 and 1024 characters.")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Youssef Trabelsi")
    expect(page.get_by_label("Country")).to_have_value("TN")
    page.get_by_label("Password").fill("economie sociale et solidaire")
    page.get_by_label("I have read the code of conduct and accept it").check()
    page.get_by_label("I have read the privacy notice and accept it").check()
    page.get_by_role("button", name="Create my account").click()
    expect(
        page.get_by_text("Welcome to the community, \u2068Youssef Trabelsi\u2069!")
    ).to_be_visible()
