"""Keyboard-only gate: skip link first, a visible focus indicator on every stop, and the
main actions (sign in, account menu, reply, language switch) done with the keyboard alone.

Before tabbing, the test records every element's outline and box-shadow; each element that
receives focus must then show an outline or shadow it did not have (the indicator).
"""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from cop.extensions import db

SNAPSHOT_STYLES = """() => {
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    window.__unfocused.set(el, s.outlineStyle + s.outlineWidth + s.outlineColor + '|' + s.boxShadow);
  }
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const now = s.outlineStyle + s.outlineWidth + s.outlineColor + '|' + s.boxShadow;
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 120),
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
    value: el.getAttribute('value') || '', href: el.getAttribute('href') || '',
    cls: el.className || '', type: el.getAttribute('type') || '',
    text: (el.innerText || '').trim().slice(0, 60),
    indicated: (outline || shadow) && now !== window.__unfocused.get(el),
    visible: box.width > 0 && box.height > 0,
  };
}"""

MAX_TABS = 400


def _start(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state()
    page.evaluate(SNAPSHOT_STYLES)


def _tab(page: Page) -> dict:
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused, "Tab left the page or landed on the body"
    assert focused["visible"], f"focus on an invisible element: {focused['html']}"
    assert focused["indicated"], f"no visible focus indicator on {focused['html']}"
    return focused


def _tab_until(page: Page, wanted, what: str) -> dict:
    """Tab (checking each stop's focus indicator) until wanted(focused) is true."""
    seen = []
    for _ in range(MAX_TABS):
        focused = _tab(page)
        if wanted(focused):
            return focused
        seen.append(focused["html"][:60])
        if len(seen) > 1 and focused["html"][:60] == seen[0]:
            break  # wrapped around the page
    raise AssertionError(f"{what} is not reachable with Tab; stops: {seen}")


def _skip_link_first(page: Page) -> None:
    first = _tab(page)
    assert "skip-link" in first["cls"], f"the first stop is {first['html']}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _all_stops(page: Page) -> list[dict]:
    stops = [_tab(page)]
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["html"] == stops[0]["html"]:
            return stops
        assert focused["visible"], f"focus on an invisible element: {focused['html']}"
        assert focused["indicated"], f"no visible focus indicator on {focused['html']}"
        stops.append(focused)
    raise AssertionError("more tab stops than expected")


def test_the_home_page_and_a_thread_work_with_the_keyboard_alone(
    page: Page, live_app, create_account
):
    from cop.permissions import can_reply
    from cop.threads.models import Thread

    account = create_account(locale="en")
    # Signed out: skip link, a focus indicator on every stop, sign in by keyboard.
    _start(page, "/")
    _skip_link_first(page)
    _start(page, "/")
    stops = _all_stops(page)
    assert any(s["href"].endswith("/auth/sign-in") for s in stops)
    assert any(s["name"] == "locale" for s in stops)
    _start(page, "/")
    _tab_until(page, lambda f: f["href"].endswith("/auth/sign-in"), "the sign-in link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/auth/sign-in")
    page.evaluate(SNAPSHOT_STYLES)
    _tab_until(page, lambda f: f["name"] == "email", "the email field")
    page.keyboard.type(account.email)
    _tab_until(page, lambda f: f["name"] == "password", "the password field")
    page.keyboard.type(account.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/auth/sign-in" not in url)

    # Signed in: the account menu opens from the keyboard and its links are next.
    _start(page, "/")
    _skip_link_first(page)
    _start(page, "/")
    _tab_until(page, lambda f: f["tag"] == "summary", "the account menu")
    page.keyboard.press("Enter")
    assert page.locator("details.menu").get_attribute("open") is not None
    link = _tab(page)
    assert link["href"].startswith("/members/"), link["html"]
    page.keyboard.press("Escape")

    # A thread: skip link, every stop indicated, reply with the keyboard.
    with live_app.app_context():
        from cop.members.models import Member

        member = db.session.get(Member, account.id)
        thread_id = next(
            t.id
            for t in db.session.scalars(db.select(Thread).order_by(Thread.id))
            if can_reply(member, t)
        )
        db.session.remove()
    _start(page, f"/threads/{thread_id}")
    _skip_link_first(page)
    _start(page, f"/threads/{thread_id}")
    stops = _all_stops(page)
    assert any(s["name"] == "body" for s in stops)
    _start(page, f"/threads/{thread_id}")
    _tab_until(page, lambda f: f["name"] == "body", "the reply box")
    marker = f"Keyboard reply {uuid.uuid4().hex[:8]}"
    page.keyboard.type(marker)
    _tab_until(page, lambda f: f["name"] == "submit", "the reply button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".post", has_text=marker)).to_have_count(1)

    # The language switch, from the keyboard.
    page.evaluate(SNAPSHOT_STYLES)
    _tab_until(page, lambda f: f["name"] == "locale" and f["value"] == "el", "Ελληνικά")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "el")
