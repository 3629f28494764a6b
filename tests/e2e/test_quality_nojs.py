"""Without JavaScript gate: every journey works with scripts off in the browser.

tests/e2e/test_discussions.py already starts a thread with a preview, replies with a quote
and edits without JavaScript; tests/e2e/test_members.py does the settings. This adds the
rest: read a thread and reply after a preview, share a resource with a file, and (when
moderation is installed) report a reply and have a moderator hide it from the queue.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db

pytestmark = pytest.mark.slow


@pytest.fixture
def nojs_browser(browser, base_url, create_account):
    """signed_in(**account_fields) -> a new page, scripts off, signed in as a new member."""
    contexts = []

    def signed_in(**fields) -> Page:
        account = create_account(**fields)
        context = browser.new_context(base_url=base_url, java_script_enabled=False)
        contexts.append(context)
        page = context.new_page()
        page.goto("/auth/sign-in")
        page.locator("input[name=email]").fill(account.email)
        page.locator("input[name=password]").fill(account.password)
        page.locator("form:has(input[name=password]) [type=submit]").click()
        assert "/auth/sign-in" not in page.url
        return page

    yield signed_in
    for context in contexts:
        context.close()


def _open_thread(live_app) -> int:
    from cop.members.models import Member, Role
    from cop.permissions import can_reply
    from cop.threads.models import Thread

    with live_app.app_context():  # a thread any member may answer (not one only moderators may)
        someone = db.session.scalar(
            db.select(Member).where(Member.role == Role.MEMBER).order_by(Member.id)
        )
        found = next(
            t.id
            for t in db.session.scalars(db.select(Thread).order_by(Thread.id))
            if can_reply(someone, t) and not t.is_locked
        )
        db.session.remove()
    return found


def _reply_after_preview(page: Page, thread_id: int, text: str) -> None:
    page.goto(f"/threads/{thread_id}")
    expect(page.locator("article.post").first).to_be_visible()  # reading works
    page.locator("textarea[name=body]").fill(f"**{text}**")
    page.locator("button[name=preview]").click()
    expect(page.locator(".preview-body strong")).to_have_text(text)
    expect(page.locator("textarea[name=body]")).to_have_value(f"**{text}**")
    page.locator("button[name=submit]").click()
    expect(page.locator("article.post", has_text=text)).to_have_count(1)


def test_reading_replying_with_a_preview_and_sharing_work_without_javascript(
    nojs_browser, live_app, tmp_path: Path
):
    page = nojs_browser(locale="en")
    text = f"Scriptless reply {uuid.uuid4().hex[:8]}"
    _reply_after_preview(page, _open_thread(live_app), text)

    title = f"Scriptless guide {uuid.uuid4().hex[:8]}"
    notes = tmp_path / "guide.txt"
    notes.write_text("How we co-produced the municipal plan.\n" * 20)
    page.goto("/resources/share")
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=description]").fill("A *short* guide.")
    for name in ("type", "licence", "category"):
        select = page.locator(f"select[name={name}]")
        if select.count():
            values = [
                v
                for v in select.locator("option").evaluate_all(
                    "options => options.map(o => o.value)"
                )
                if v
            ]
            select.select_option(values[0])
    page.locator("input[name=file]").set_input_files(str(notes))
    page.locator("form:has(input[name=file]) button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text(title)
    download = page.locator("a[href*='/download']").first
    expect(download).to_be_visible()


def test_reporting_and_moderating_work_without_javascript(nojs_browser, live_app):
    if "moderation.report" not in live_app.view_functions:
        pytest.skip("moderation is not installed")
    from cop.members.models import Role

    thread_id = _open_thread(live_app)
    author = nojs_browser(locale="en")
    text = f"Reply to be reported {uuid.uuid4().hex[:8]}"
    _reply_after_preview(author, thread_id, text)

    reader = nojs_browser(locale="en")
    reader.goto(author.url)
    post = reader.locator("article.post", has_text=text)
    post.locator("a.report-link").click()
    reader.wait_for_url("**/moderation/report/**")  # read the options of the new page
    reasons = reader.locator("select[name=reason] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    reader.locator("select[name=reason]").select_option(next(v for v in reasons if v))
    reader.locator("textarea[name=note]").fill("Off topic, reported without scripts.")
    reader.locator("form:has(select[name=reason]) button[type=submit]").click()
    expect(reader.locator(".flash-success")).to_be_visible()

    moderator = nojs_browser(locale="en", role=Role.MODERATOR)
    moderator.goto("/moderation/")
    card = moderator.locator(".report-card", has_text=text)
    expect(card).to_have_count(1)
    card.locator("select[name=action]").select_option("hide")
    card.locator("textarea[name=note]").fill("Hidden: off topic.")
    card.locator("button[type=submit]").click()
    expect(moderator.locator(".flash-success")).to_be_visible()

    reader.reload()  # the same address: a fresh load, not a jump to the fragment
    expect(reader.locator("article.post .post-body", has_text=text)).to_have_count(0)
