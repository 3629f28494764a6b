"""A post with a picture, in a browser, in Arabic and Greek (and English for axe): the
plain file field, the description refused when missing then given, the picture shown in
the published reply; axe finds nothing on the form with a picture attached."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, thread_with_a_reply_by

WORDS = {
    "ar": ("صورة من الورشة في تونس:", "مشاركون حول طاولة"),
    "el": ("Μια φωτογραφία από το εργαστήριο:", "Συμμετέχοντες γύρω από ένα τραπέζι"),
    "en": ("A picture from the workshop:", "Participants around a table"),
}


def _png() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (480, 320), (20, 110, 160)).save(out, format="PNG")
    return {"name": "photo.png", "mimeType": "image/png", "buffer": out.getvalue()}


@pytest.mark.parametrize("locale", ["ar", "el", "en"])
def test_a_member_posts_a_reply_with_a_described_picture(
    page: Page, live_app, create_account, sign_in, locale
):
    words, description = WORDS[locale]
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member)
    page.goto(f"/threads/{thread_id}/reply")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    page.locator("textarea[name=body]").fill(words)
    page.locator("input[name=picture]").set_input_files(_png())
    page.locator("button[name=attach_picture]").click()
    page.wait_for_load_state()
    expect(page.locator("#picture_alt-error")).to_be_visible()
    expect(page.locator("textarea[name=body]")).to_have_value(words)

    page.locator("input[name=picture]").set_input_files(_png())
    page.locator("input[name=picture_alt]").fill(description)
    page.locator("button[name=attach_picture]").click()
    page.wait_for_load_state()
    expect(page.locator(".attach-picture .attached img")).to_be_visible()
    body = page.locator("textarea[name=body]").input_value()
    assert body.startswith(words) and f"![{description}](/media/" in body
    assert_accessible(page)

    page.locator(".editor-buttons button[name=submit]").click()
    page.wait_for_load_state()
    picture = page.locator(f'.post-body img[alt="{description}"]')
    expect(picture).to_be_visible()
    picture.scroll_into_view_if_needed()
    # Visible means laid out, not yet loaded: wait for the bytes before measuring them.
    loaded_width = picture.evaluate(
        """img => img.complete && img.naturalWidth ? img.naturalWidth
              : new Promise(done => {
                  img.addEventListener("load", () => done(img.naturalWidth));
                  img.addEventListener("error", () => done(0));
              })"""
    )
    assert loaded_width == 480


def test_a_dropped_picture_fills_the_field_and_asks_for_its_description(
    page: Page, live_app, create_account, sign_in
):
    member = create_account(locale="el")
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member)
    page.goto(f"/threads/{thread_id}/reply")
    page.locator("textarea[name=body]").evaluate(
        """area => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array([137, 80, 78, 71])], "p.png",
                                        {type: "image/png"}));
            area.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer,
                                                      bubbles: true, cancelable: true}));
        }"""
    )
    assert page.locator("input[name=picture]").evaluate("input => input.files.length") == 1
    expect(page.locator("input[name=picture_alt]")).to_be_focused()


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_the_form_with_a_picture_attached_fits_a_360_pixel_phone(
    browser, base_url, live_app, create_account, locale
):
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, member)
    context = browser.new_context(
        base_url=base_url, locale=locale, viewport={"width": 360, "height": 740}
    )
    try:
        page = context.new_page()
        page.goto("/auth/sign-in")
        page.locator("input[name=email]").fill(member.email)
        page.locator("input[name=password]").fill(member.password)
        page.locator("form:has(input[name=password]) [type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"/threads/{thread_id}/reply")
        page.locator("textarea[name=body]").fill(WORDS[locale][0])
        page.locator("input[name=picture]").set_input_files(_png())
        page.locator("input[name=picture_alt]").fill(WORDS[locale][1])
        page.locator("button[name=attach_picture]").click()
        page.wait_for_load_state()
        expect(page.locator(".attach-picture .attached img")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_without_javascript_a_wrong_picture_is_removed_from_the_form_then_from_the_post(
    nojs_page: Page, live_app, create_account, sign_in
):
    """In Arabic: the wrong picture goes from the form, the right one is posted, then
    removed from the published reply through the page that asks first."""
    words, description = WORDS["ar"]
    member = create_account(locale="ar")
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member, nojs_page)
    nojs_page.goto(f"/threads/{thread_id}/reply")
    nojs_page.locator("textarea[name=body]").fill(words)
    nojs_page.locator("input[name=picture]").set_input_files(_png())
    nojs_page.locator("input[name=picture_alt]").fill("صورة خاطئة")
    nojs_page.locator("button[name=attach_picture]").click()
    nojs_page.wait_for_load_state()
    nojs_page.locator(".picture-list button[name=remove_picture]").click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(".picture-list")).to_have_count(0)
    expect(nojs_page.locator("textarea[name=body]")).to_have_value(words)

    nojs_page.locator("input[name=picture]").set_input_files(_png())
    nojs_page.locator("input[name=picture_alt]").fill(description)
    nojs_page.locator("button[name=attach_picture]").click()
    nojs_page.wait_for_load_state()
    nojs_page.locator(".editor-buttons button[name=submit]").click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(f'.post-body img[alt="{description}"]')).to_have_count(1)

    nojs_page.get_by_role("link", name="إزالة صورة").click()
    nojs_page.wait_for_load_state()
    nojs_page.locator(".picture-list button[type=submit]").click()  # no dialog: a page asks
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(".confirmation img")).to_be_visible()
    nojs_page.locator(".confirmation button[type=submit]").click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(".flash-success")).to_be_visible()
    expect(nojs_page.locator(f'.post-body img[alt="{description}"]')).to_have_count(0)
    expect(nojs_page.locator(".post-body", has_text=words)).to_have_count(1)


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_the_pictures_page_passes_axe_and_its_dialog_removes_at_once(
    page: Page, live_app, create_account, sign_in, locale
):
    words, description = WORDS[locale]
    member = create_account(locale=locale)
    thread_id = thread_with_a_reply_by(live_app, member)
    sign_in(member)
    page.goto(f"/threads/{thread_id}/reply")
    page.locator("textarea[name=body]").fill(words)
    page.locator("input[name=picture]").set_input_files(_png())
    page.locator("input[name=picture_alt]").fill(description)
    page.locator("button[name=attach_picture]").click()
    page.wait_for_load_state()
    assert_accessible(page)  # the form with its picture's "Remove" button
    page.locator(".editor-buttons button[name=submit]").click()
    page.wait_for_load_state()
    page.locator(".post-actions a[href$='/pictures']").last.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".picture-list button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator(f'.post-body img[alt="{description}"]')).to_have_count(0)
