"""Right-to-left gate: in Arabic the thread page and the resource page mirror.

Positions, not pixels: the brand and the navigation start on the right, a post's avatar
and author sit on the right, a quote's border and a list's markers are on the right, the
"next page" link is on the left and its arrow points left, and the breadcrumb separator
points left. Full-page screenshots are kept under the test's tmp_path to look at.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page

from cop.extensions import db

MARKDOWN = "> اقتباس من المشاركة السابقة\n\nنقاط للنقاش:\n\n- البند الأول\n- البند الثاني\n"
WIDTH = 1280

BOX = "(el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; }"
STYLE = """(el) => { const s = getComputedStyle(el);
  return {borderLeft: parseFloat(s.borderLeftWidth), borderRight: parseFloat(s.borderRightWidth),
          paddingLeft: parseFloat(s.paddingLeft), paddingRight: parseFloat(s.paddingRight),
          transform: s.transform, direction: s.direction}; }"""
# Text of the breadcrumbs outside the links: the separators.
SEPARATORS = """(nav) => [...nav.childNodes].filter(n => n.nodeType === 3 || !n.matches('a'))
  .map(n => n.textContent.trim()).join('')"""


@pytest.fixture(scope="module")
def arabic_content(live_app) -> dict[str, int]:
    """An Arabic thread two pages long whose first post quotes and lists; an Arabic
    resource whose description does the same."""
    from cop.auth.services import register_member
    from cop.resources import services as resources
    from cop.threads import services as threads
    from cop.threads.models import Category
    from cop.threads.queries import POSTS_PER_PAGE
    from tests.conftest import PASSWORD
    from tests.resources.conftest import resource_fields

    with live_app.app_context():
        author = register_member(
            display_name="سلمى الحسيني",
            email="rtl-gate@example.org",
            password=PASSWORD,
            country="JO",
            locale="ar",
            email_confirmed=True,
        )
        category = db.session.scalar(
            db.select(Category).where(Category.is_archived.is_(False)).order_by(Category.id)
        )
        thread = threads.start_thread(
            author=author,
            category=category,
            title="سياسات الإنتاج المشترك",
            body=MARKDOWN,
            language="ar",
        )
        for n in range(POSTS_PER_PAGE):
            threads.reply_to_thread(
                author=author, thread=thread, body=f"رد رقم {n + 1} في النقاش", language="ar"
            )
        resource = resources.create_resource(
            sharer=author,
            fields=resource_fields(
                title="دليل الإنتاج المشترك",
                description=MARKDOWN,
                tags=["الإنتاج المشترك"],
                original_language="ar",
            ),
        )
        db.session.commit()
        ids = {"thread": thread.id, "resource": resource.id}
        db.session.remove()
    return ids


@pytest.fixture
def arabic_page(browser, base_url):
    context = browser.new_context(
        base_url=base_url, locale="ar", viewport={"width": WIDTH, "height": 900}
    )
    yield context.new_page()
    context.close()


def _box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(BOX)


def _style(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(STYLE)


def _header_starts_on_the_right(page: Page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl"
    brand = _box(page, ".site-nav .brand")
    links = page.locator(".nav-links a")
    assert brand["right"] > WIDTH / 2, brand
    first, second = links.nth(0).evaluate(BOX), links.nth(1).evaluate(BOX)
    assert brand["left"] > first["right"], (brand, first)  # the brand first, on the right
    assert first["left"] > second["right"], (first, second)


def _quote_and_list_on_the_right(page: Page, content: str) -> None:
    quote = _style(page, f"{content} blockquote")
    assert quote["borderRight"] > 0 and quote["borderLeft"] == 0, quote
    assert quote["paddingRight"] > 0, quote
    listing, item = _style(page, f"{content} ul"), _box(page, f"{content} ul li")
    box = _box(page, f"{content} ul")
    assert listing["paddingRight"] > 0 and listing["paddingLeft"] == 0, listing
    assert item["right"] < box["right"] - 8, (item, box)  # room for the markers, on the right


def _points_left(page: Page, selector: str) -> None:
    """An arrow glyph points left: Unicode mirrors it in right to left, or CSS flips it."""
    glyph = page.locator(selector).first.inner_text().strip()
    flipped = _style(page, selector)["transform"].startswith("matrix(-1")
    mirrored = all(unicodedata.mirrored(c) for c in glyph)
    assert mirrored != flipped, (glyph, "mirrored" if mirrored else "not mirrored", flipped)


def test_the_arabic_thread_page_mirrors(arabic_page: Page, arabic_content, tmp_path: Path):
    page = arabic_page
    page.goto(f"/threads/{arabic_content['thread']}")
    page.screenshot(path=tmp_path / "thread-ar.png", full_page=True)
    _header_starts_on_the_right(page)

    # Breadcrumbs read right to left, their separator pointing left.
    crumbs = page.locator(".breadcrumbs a")
    assert crumbs.nth(0).evaluate(BOX)["left"] > crumbs.nth(1).evaluate(BOX)["right"]
    separators = page.locator(".breadcrumbs").evaluate(SEPARATORS)
    assert separators and all(unicodedata.mirrored(c) for c in separators), separators

    # A post: avatar on the right, then the author.
    post = page.locator("article.post").first
    post_box = post.evaluate(BOX)
    avatar = post.locator(".avatar").first.evaluate(BOX)
    byline = post.locator(".post-byline").first.evaluate(BOX)
    assert avatar["left"] >= byline["right"], (avatar, byline)
    assert avatar["right"] >= post_box["right"] - 2, (avatar, post_box)
    _quote_and_list_on_the_right(page, "article.post .post-body")

    # Pagination: "next" on the left of the current page, its arrow pointing left.
    current = _box(page, ".pagination .current")
    following = _box(page, ".pagination a[rel=next]")
    assert following["right"] <= current["left"], (following, current)
    _points_left(page, ".pagination a[rel=next] .arrow")

    page.locator(".pagination a[rel=next]").first.click()
    page.wait_for_load_state()
    page.screenshot(path=tmp_path / "thread-ar-page-2.png", full_page=True)
    current = _box(page, ".pagination .current")
    previous = _box(page, ".pagination a[rel=prev]")
    assert previous["left"] >= current["right"], (previous, current)
    arrow = page.locator(".pagination a[rel=prev] .arrow").first
    glyph = arrow.inner_text().strip()
    flipped = arrow.evaluate(STYLE)["transform"].startswith("matrix(-1")
    assert glyph == "←" and flipped  # drawn pointing right, towards the previous page


def test_the_arabic_resource_page_mirrors(arabic_page: Page, arabic_content, tmp_path: Path):
    page = arabic_page
    page.goto(f"/resources/{arabic_content['resource']}")
    page.screenshot(path=tmp_path / "resource-ar.png", full_page=True)
    _header_starts_on_the_right(page)
    heading, main = _box(page, "main h1"), _box(page, "main")
    assert heading["right"] > main["right"] - 40, (heading, main)  # the title starts right
    _quote_and_list_on_the_right(page, ".resource-description")
