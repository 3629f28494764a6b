"""Mixed titles keep their order inside interface sentences, in both page directions.

Positions on screen, not markup. Two titles each mix the scripts: an Arabic one with a
Latin word and a number, a Latin one with an Arabic word. Each is shown inside an
English and inside an Arabic sentence: the reply page's heading and breadcrumb, the
thread author's notification of a reply, and the flash message after leaving a
conversation named like it. In every place:

- the title is one block: no interface character lands between its first and last mark;
- the interface words written before it stay on the sentence's start side (left on an
  English page, right on an Arabic one), those written after it on the other side;
- inside the title, its words keep the title's own order (right to left for the Arabic
  title, left to right for the Latin one), its final "!" included.

Without isolation the Latin word and the number of the Arabic title swap places on an
English page, and the "!" of either title jumps to the sentence's side.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cop.extensions import db

# Each character of an element's text: its index in textContent, horizontal centre and
# vertical centre (null for characters without a box, such as isolates).
CHARACTER_BOXES = """(el) => {
  const boxes = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      boxes.push(r.width ? [(r.left + r.right) / 2, (r.top + r.bottom) / 2] : null);
    }
  }
  return {text: el.textContent, boxes};
}"""

# The title's words in the order they are written, and the title's own direction. (A
# number right after an Arabic word joins it, right to left, even in a Latin title:
# Unicode's rule W2, so the Latin title puts its number before its Arabic word.)
TITLES = {
    "arabic title": (
        "دليل Wiki للتعاونيات 2026!",
        ["دليل", "Wiki", "للتعاونيات", "2026", "!"],
        "rtl",
    ),
    "latin title": ("Guide 2026 for التعاون!", ["Guide", "2026", "for", "التعاون", "!"], "ltr"),
}
LANGUAGES = {"en": "ltr", "ar": "rtl"}
CASES = [(title, language) for title in TITLES for language in LANGUAGES]
FORMAT_CHARACTERS = {"\u2068", "\u2069", "\u200e", "\u200f"}


def _boxes(page: Page, selector: str) -> tuple[str, list]:
    found = page.locator(selector).first.evaluate(CHARACTER_BOXES)
    return found["text"], found["boxes"]


def _centre(boxes: list) -> float:
    xs = [b[0] for b in boxes if b is not None]
    return sum(xs) / len(xs)


def assert_title_keeps_its_order(page: Page, selector: str, case: str, language: str) -> None:
    """The three rules of the module's docstring, for the element at `selector`."""
    title, words, title_direction = TITLES[case]
    text, boxes = _boxes(page, selector)
    assert title in text, f"{selector}: {text!r}"
    start = text.index(title)
    end = start + len(title)
    inside = [b for b in boxes[start:end] if b is not None]
    line = sum(b[1] for b in inside) / len(inside)  # the title's line, by its middle
    outside = [
        (i, b)
        for i, b in enumerate(boxes)
        if b is not None and not start <= i < end and not text[i].isspace()
        and text[i] not in FORMAT_CHARACTERS and abs(b[1] - line) < 4
    ]  # fmt: skip
    assert all(abs(b[1] - line) < 4 for b in inside), f"{selector}: the title wraps: {text!r}"
    left, right = min(b[0] for b in inside), max(b[0] for b in inside)
    intruders = [text[i] for i, b in outside if left < b[0] < right]
    assert not intruders, f"{selector}: {intruders} inside the title in {text!r}"
    before = [b[0] for i, b in outside if i < start]
    after = [b[0] for i, b in outside if i >= end]
    assert before or after, f"{selector}: no interface text around the title: {text!r}"
    if LANGUAGES[language] == "ltr":
        assert all(x < left for x in before) and all(x > right for x in after), text
    else:
        assert all(x > right for x in before) and all(x < left for x in after), text
    centres, position = [], start
    for word in words:
        at = text.index(word, position)
        centres.append(_centre(boxes[at : at + len(word)]))
        position = at + len(word)
    expected = sorted(centres, reverse=title_direction == "rtl")
    assert centres == expected, f"{selector}: the title's words left their order in {text!r}"


@pytest.fixture
def author_of_mixed_threads(live_app, create_account):
    """make(language) -> (account, {case: thread id}, {case: conversation id}): threads
    titled with each mixed title, each with a reply by someone else (their author is
    told), and conversations to the author with the same subjects."""
    from cop.conversations import services as conversations
    from cop.members.models import Member
    from cop.threads import services as threads
    from cop.threads.models import Category

    def make(language: str):
        account = create_account(locale=language)
        # Named in the other script first: a notice that starts with the name still
        # reads in the page's direction.
        other = create_account(display_name="سامي Replier" if language == "en" else "Sami مجيب")
        threads_made, conversations_made = {}, {}
        with live_app.app_context():
            author = db.session.get(Member, account.id)
            replier = db.session.get(Member, other.id)
            category = db.session.scalar(
                db.select(Category).where(Category.is_archived.is_(False)).order_by(Category.id)
            )
            for case, (title, _words, _direction) in TITLES.items():
                thread = threads.start_thread(
                    author=author, category=category, title=title, body="…", language="en"
                )
                db.session.flush()
                threads.reply_to_thread(author=replier, thread=thread, body="…", language="en")
                conversation = conversations.start_conversation(
                    sender=replier, recipients=[author], subject=title, body="…"
                )
                db.session.flush()
                threads_made[case], conversations_made[case] = thread.id, conversation.id
            db.session.commit()
            db.session.remove()
        return account, threads_made, conversations_made

    return make


@pytest.mark.parametrize(("case", "language"), CASES)
def test_a_mixed_title_keeps_its_order_inside_interface_sentences(
    page: Page, sign_in, author_of_mixed_threads, case, language
):
    page.set_viewport_size({"width": 1280, "height": 900})
    account, thread_ids, conversation_ids = author_of_mixed_threads(language)
    sign_in(account)
    page.goto(f"/threads/{thread_ids[case]}/reply")
    assert page.locator("html").get_attribute("dir") == LANGUAGES[language]
    assert_title_keeps_its_order(page, "h1#reply", case, language)
    assert_title_keeps_its_order(page, "nav.breadcrumbs", case, language)

    page.goto("/notifications")
    title = TITLES[case][0]
    line = f".notification-text:has-text('{title}')"
    assert_title_keeps_its_order(page, line, case, language)
    page.locator("form[action$='/read-all'] [type=submit]").click()  # without its "New" mark
    page.wait_for_load_state()
    assert_title_keeps_its_order(page, line, case, language)

    page.goto(f"/conversations/{conversation_ids[case]}/leave")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    assert_title_keeps_its_order(page, ".flash-success", case, language)
