"""A title written in the other direction keeps its own order inside a sentence.

Positions on screen, not markup: the reply page's heading puts an Arabic title inside
an English sentence and a Latin title inside an Arabic one. Isolated (cop.i18n.isolate),
the title sits whole between the sentence's quotes and its final "!" stays at the
title's own end: left of an Arabic title, right of a Latin one. Without isolation the
"!" takes the page's direction and lands on the far side.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cop.extensions import db

# Horizontal middle of each character of an element's text, by its index in textContent.
CHARACTER_CENTRES = """(el) => {
  const centres = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      centres.push(r.width ? (r.left + r.right) / 2 : null);
    }
  }
  return {text: el.textContent, centres};
}"""

CASES = {
    "arabic title in english": ("en", "تعاونيات الغد 2026!", "ت"),
    "latin title in arabic": ("ar", "Cooperatives of 2026!", "C"),
}


@pytest.fixture(scope="module")
def titled_threads(live_app) -> dict[str, int]:
    from cop.auth.services import register_member
    from cop.threads import services as threads
    from cop.threads.models import Category
    from tests.conftest import PASSWORD

    ids = {}
    with live_app.app_context():
        author = register_member(
            display_name="Bidi Author",
            email="bidi-author@example.org",
            password=PASSWORD,
            country="JO",
            locale="en",
            email_confirmed=True,
        )
        category = db.session.scalar(
            db.select(Category).where(Category.is_archived.is_(False)).order_by(Category.id)
        )
        for case, (_, title, _letter) in CASES.items():
            thread = threads.start_thread(
                author=author, category=category, title=title, body="…", language="en"
            )
            db.session.flush()
            ids[case] = thread.id
        db.session.commit()
        db.session.remove()
    return ids


def _centres(page: Page, selector: str) -> tuple[str, list[float | None]]:
    found = page.locator(selector).evaluate(CHARACTER_CENTRES)
    return found["text"], found["centres"]


@pytest.mark.parametrize("case", list(CASES))
def test_a_title_in_the_other_direction_keeps_its_order_in_the_reply_heading(
    page: Page, create_account, sign_in, titled_threads, case
):
    language, title, first_letter = CASES[case]
    sign_in(create_account(locale=language))
    page.goto(f"/threads/{titled_threads[case]}/reply")
    text, x = _centres(page, "h1#reply")
    start = text.index(title)
    end = start + len(title)
    opening, closing = x[start - 1], x[end]  # the sentence's quotes around the title
    inside = [c for c in x[start:end] if c is not None]
    bang = x[end - 1]
    letter = x[start + title.index(first_letter)]
    # The title is one block between the quotes, whatever the page's direction.
    assert min(opening, closing) < min(inside) and max(inside) < max(opening, closing), text
    if language == "en":
        # English sentence: "Reply to “" on the left; the Arabic title reads right to
        # left, so its "!" is its leftmost mark.
        assert opening < closing
        assert bang < letter, "the “!” of the Arabic title left the title"
    else:
        # Arabic sentence: the quotes open on the right; the Latin title reads left to
        # right, so its "!" is its rightmost mark.
        assert closing < opening
        assert letter < bang, "the “!” of the Latin title left the title"
