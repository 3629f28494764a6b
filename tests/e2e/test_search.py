"""Search journeys: from the header box on any page, in Arabic and in Spanish, get the
matching words highlighted, then narrow the results by the language of the content."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def threads(live_app) -> dict[str, int]:
    """Threads written through the services (so the receivers index them)."""
    from cop.auth import services as auth_services
    from cop.threads import services
    from cop.threads.models import Category

    with live_app.app_context():
        author = auth_services.register_member(
            display_name="Search Journey",
            email="search-journey@example.org",
            password="a long and quiet river",
            country="TN",
            locale="ar",
            email_confirmed=True,
        )
        category = db.session.scalars(db.select(Category).order_by(Category.id)).first()
        written = {
            "ar": ("الاقتصاد الاجتماعي التَّضَامُنِيّ في صفاقس", "ورشة عن الاقتصاد التضامني"),
            "es": ("Cooperativa sociosanitaria en Zaragoza", "Una cooperativa de cuidados"),
            "pt": ("Cooperativas de habitação em Lisboa", "As cooperativas e o município"),
        }
        ids = {}
        for language, (title, body) in written.items():
            thread = services.start_thread(
                author=author, category=category, title=title, body=body, language=language
            )
            ids[language] = thread.id
        db.session.commit()
        db.session.remove()
    return ids


def search_from_header(page: Page, words: str) -> None:
    page.goto("/")
    box = page.get_by_role(
        "searchbox", name=page.locator("label[for=header-search-q]").inner_text()
    )
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/**")


def test_an_arabic_reader_finds_a_thread_written_with_short_vowels(
    page: Page, threads, create_account, sign_in
):
    sign_in(create_account(locale="ar", country="JO"))
    search_from_header(page, "التضامني")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    hit = page.locator(".search-hit", has=page.locator(f"a[href='/threads/{threads['ar']}']"))
    expect(hit).to_have_count(1)
    expect(hit.locator("h2 mark")).to_have_text("التَّضَامُنِيّ")
    expect(hit.locator(".snippet mark")).to_have_text("التضامني")
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_spanish_visitor_finds_word_forms_and_filters_by_language(page: Page, threads):
    page.goto("/")
    page.locator("footer button[value=es]").click()
    search_from_header(page, "cooperativas")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    hits = page.locator(".search-hit-thread")
    expect(hits.filter(has=page.locator(f"a[href='/threads/{threads['es']}']"))).to_have_count(1)
    expect(hits.filter(has=page.locator(f"a[href='/threads/{threads['pt']}']"))).to_have_count(1)
    expect(page.locator(".search-hit mark").first).to_be_visible()

    page.locator("details.search-filters summary").click()
    page.locator("select[name=language]").select_option("es")
    page.locator("form.search-form [type=submit]").click()
    assert "language=es" in page.url
    # The demo's Spanish workshop thread may match too: what matters is that the
    # Portuguese thread is gone and the Spanish one stays.
    ours = hits.filter(has=page.locator(f"a[href='/threads/{threads['es']}']"))
    expect(ours).to_have_count(1)
    expect(hits.filter(has=page.locator(f"a[href='/threads/{threads['pt']}']"))).to_have_count(0)
    expect(ours.locator("h2 mark")).to_have_text("Cooperativa")
    assert_accessible(page)


def test_search_works_without_javascript_and_explains_a_junk_query(nojs_page: Page, threads):
    search_from_header(nojs_page, "«»!!")
    expect(nojs_page.locator(".search-tips h2")).to_be_visible()
    nojs_page.locator("#search-page-q").fill('"cooperativa de cuidados"')
    nojs_page.locator("form.search-form [type=submit]").click()
    expect(nojs_page.locator(".search-hit-thread")).to_have_count(1)
