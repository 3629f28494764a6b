"""Accessibility gate: axe-core finds nothing, of any impact, on every main page.

Every page in English, Arabic (right to left) and Greek; signed out, and signed in as a
moderator (who sees the most controls) where the page exists for both. Pages of features
that are not installed (search, notifications, moderation) are left out, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from cop.extensions import db
from tests.e2e.conftest import axe_violations, thread_with_a_reply_by

pytestmark = pytest.mark.slow

LOCALES = ["en", "ar", "el"]


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str  # may use {thread}, {table}, {resource}, {handle}
    anonymous: bool = True
    signed_in: bool = True
    endpoint: str | None = None  # left out unless the live app has it


MAIN_PAGES = [
    MainPage("home", "/"),
    MainPage("discussions", "/threads/"),
    MainPage("discussion tables", "/threads/tables"),
    MainPage("a table", "/threads/tables/{table}"),
    MainPage("a thread", "/threads/{thread}"),
    MainPage("new thread form", "/threads/new", anonymous=False),
    MainPage("reply form", "/threads/{thread}/reply", anonymous=False),
    MainPage("resources", "/resources/"),
    MainPage("a resource", "/resources/{resource}"),
    MainPage("share form", "/resources/share", anonymous=False),
    MainPage("member directory", "/members/"),
    MainPage("a profile", "/members/{handle}"),
    MainPage("settings", "/members/settings/profile", anonymous=False),
    MainPage("sign in", "/auth/sign-in", signed_in=False),
    MainPage("register", "/auth/register", signed_in=False),
    MainPage("forgot password", "/auth/forgot", signed_in=False),
    MainPage("error 404", "/no-such-page"),
    MainPage("search", "/search/?q=policy", endpoint="search.index"),
    MainPage("notifications", "/notifications/", anonymous=False, endpoint="notifications.index"),
    MainPage("moderation queue", "/moderation/", anonymous=False, endpoint="moderation.queue"),
    MainPage("unread discussions", "/threads/unread", anonymous=False),
    MainPage("conversations", "/conversations/", anonymous=False, endpoint="conversations.index"),
    MainPage("bookmarks", "/bookmarks/", anonymous=False, endpoint="bookmarks.index"),
    MainPage("drafts", "/drafts/", anonymous=False, endpoint="drafts.index"),
]


@pytest.fixture(scope="module")
def places(live_app) -> dict[str, str]:
    """Ids and names of demo records the page paths need."""
    from cop.members.models import Member
    from cop.resources.models import Resource
    from cop.threads.models import Category, Thread

    with live_app.app_context():
        first = lambda query: db.session.scalar(query.limit(1))  # noqa: E731
        found = {
            "table": first(db.select(Category.slug).order_by(Category.position, Category.id)),
            "thread": str(first(db.select(Thread.id).order_by(Thread.reply_count.desc()))),
            "resource": str(first(db.select(Resource.id).order_by(Resource.id))),
            "handle": first(db.select(Member.handle).order_by(Member.id)),
        }
        db.session.remove()
    return found


def _pages(live_app, places, *, signed_in: bool) -> list[tuple[str, str]]:
    return [
        (p.name, p.path.format(**places))
        for p in MAIN_PAGES
        if (p.signed_in if signed_in else p.anonymous)
        and (p.endpoint is None or p.endpoint in live_app.view_functions)
    ]


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
@pytest.mark.parametrize("locale", LOCALES)
def test_every_main_page_passes_axe(
    browser, base_url, live_app, places, create_account, locale: str, signed_in: bool
):
    from cop.members.models import Role

    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page: Page = context.new_page()
        if signed_in:
            account = create_account(locale=locale, role=Role.MODERATOR)
            page.goto("/auth/sign-in")
            page.locator("input[name=email]").fill(account.email)
            page.locator("input[name=password]").fill(account.password)
            page.locator("form:has(input[name=password]) [type=submit]").click()
            page.wait_for_load_state()
            assert "/auth/sign-in" not in page.url
        found: list[str] = []
        for name, path in _pages(live_app, places, signed_in=signed_in):
            page.goto(path)
            lang = page.locator("html").get_attribute("lang")
            violations = axe_violations(page)
            if lang != locale:
                violations.append(f"the page is in {lang!r}, not {locale!r}")
            if violations:
                found.append(f"{name} ({path}):\n  " + "\n  ".join(violations))
        assert not found, "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("role", ["author", "admin"])
def test_the_thread_page_passes_axe_colour_contrast_for_its_author_and_an_admin(
    browser, base_url, live_app, create_account, sign_in, role: str, locale: str
):
    """The author and an admin see the most buttons (Delete among them): every text,
    buttons included, meets axe's color-contrast rule."""
    from cop.members.models import Role

    context = browser.new_context(base_url=base_url, locale=locale)
    try:
        page: Page = context.new_page()
        author = create_account(locale=locale)
        thread_id = thread_with_a_reply_by(live_app, author)
        sign_in(
            author if role == "author" else create_account(locale=locale, role=Role.ADMIN), page
        )
        page.goto(f"/threads/{thread_id}?page=1")
        assert page.locator(".post-actions .danger").count() > 0  # the Delete button is there
        violations = axe_violations(page, rules=["color-contrast"])
        assert not violations, "\n".join(violations)
    finally:
        context.close()
