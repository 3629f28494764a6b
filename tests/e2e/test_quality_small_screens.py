"""Every page fits a 360 px wide phone: no horizontal scroll.

The pages come from the url_map: every GET address whose parts the demo community can
fill (a thread, a table, a resource, a member...), as a visitor, a member, a moderator
and an admin, in English and in Arabic (right to left). Addresses that answer with
something other than HTML (files, feeds, exports) are skipped, and of the addresses that
answer a role with the same redirect or error page, one is drawn.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cop.extensions import db

pytestmark = pytest.mark.slow

WIDTH = 360
ROLES = ["visitor", "member", "moderator", "admin"]
LOCALES = ["en", "ar"]
# Addresses that are not pages (or end the session).
SKIPPED = {"static", "auth.sign_out", "members.export_data", "resources.download"}


LONG_NAME = "Aikaterini-Alexandra Papadopoulou-Konstantinidou"


@pytest.fixture(scope="module")
def values(live_app) -> dict[str, str]:
    """A demo record for each part of an address; the member a long name and handle
    (first in the admin's list of members), as phones must show them too."""
    from cop.auth import services as auth
    from cop.moderation.models import ModerationEvent, Report
    from cop.resources.models import Resource, ResourceFile
    from cop.threads.models import Category, Post, Thread

    with live_app.app_context():
        long_named = auth.register_member(
            display_name=LONG_NAME,
            email="aikaterini.alexandra.papadopoulou.konstantinidou@example.org",
            password="a long and quiet river",
            country="GR",
            locale="el",
            email_confirmed=True,
        )
        db.session.commit()
        first = lambda query: db.session.scalar(query.limit(1))  # noqa: E731
        thread = first(db.select(Thread.id).order_by(Thread.reply_count.desc()))
        found = {
            "thread_id": thread,
            "post_id": first(db.select(Post.id).where(Post.thread_id == thread, Post.position > 1)),
            "slug": first(db.select(Category.slug).order_by(Category.position)),
            "category_id": first(db.select(Category.id).order_by(Category.position)),
            "resource_id": first(db.select(Resource.id).order_by(Resource.id)),
            "file_id": first(db.select(ResourceFile.id).order_by(ResourceFile.id)),
            "handle": long_named.handle,
            "member_id": long_named.id,
            "report_id": first(db.select(Report.id)),
            "event_id": first(db.select(ModerationEvent.id)),
            "kind": "thread",
            "target_id": thread,
        }
        db.session.remove()
    return {name: str(value) for name, value in found.items() if value is not None}


def _paths(live_app, values) -> list[str]:
    paths = set()
    with live_app.test_request_context():
        from flask import url_for

        for rule in live_app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in SKIPPED:
                continue
            if rule.rule.endswith((".ics", ".csv")):  # files to download, not pages
                continue
            if not set(rule.arguments) <= set(values):
                continue
            args = {name: values[name] for name in rule.arguments}
            if rule.endpoint == "moderation.content":
                args["target_id"] = values["thread_id"]
            paths.add(url_for(rule.endpoint, **args))
    return sorted(paths)


def _sign_in(page: Page, account) -> None:
    page.goto("/auth/sign-in")
    page.locator("input[name=email]").fill(account.email)
    page.locator("input[name=password]").fill(account.password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    assert "/auth/sign-in" not in page.url


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_360_pixel_screen(
    browser, base_url, live_app, values, create_account, role: str, locale: str
):
    from cop.members.models import Role

    context = browser.new_context(
        base_url=base_url, locale=locale, viewport={"width": WIDTH, "height": 740}
    )
    try:
        page: Page = context.new_page()
        if role != "visitor":
            roles = {"member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}
            _sign_in(page, create_account(locale=locale, role=roles[role]))
        too_wide = []
        answers_seen = set()
        for path in _paths(live_app, values):
            # Asked first without a browser (the context's cookies, no rendering): a
            # visitor meets the sign-in page, a member the 403 page, at dozens of these
            # addresses; one of each is drawn, and every page that answers 200.
            answer = page.request.get(path, max_redirects=0)
            kind = (answer.status, answer.headers.get("location", "").split("?")[0])
            html = "text/html" in answer.headers.get("content-type", "")
            if answer.status != 200 and kind in answers_seen:
                continue
            answers_seen.add(kind)
            if answer.status == 200 and not html:
                continue
            response = page.goto(path)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            width = page.evaluate("document.documentElement.scrollWidth")
            inner = page.evaluate("window.innerWidth")
            if width > inner:
                too_wide.append(f"{path}: {width} px > {inner} px")
        assert not too_wide, "\n".join(too_wide)
    finally:
        context.close()
