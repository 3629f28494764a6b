"""The pager's page numbers (cop.pagination.page_window) and the links the macro makes."""

from __future__ import annotations

import re
from itertools import pairwise
from types import SimpleNamespace

import pytest

from cop.pagination import page_window


@pytest.mark.parametrize(
    ("page", "pages", "window"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (2, 2, [1, 2]),
        (1, 7, [1, 2, 3, None, 7]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (7, 7, [1, None, 5, 6, 7]),
        (3, 20, [1, 2, 3, 4, 5, None, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
        (5, 20, [1, None, 3, 4, 5, 6, 7, None, 20]),
        (16, 20, [1, None, 14, 15, 16, 17, 18, None, 20]),  # a gap for one page too
        (17, 20, [1, None, 15, 16, 17, 18, 19, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (500_000, 10**9, [1, None, 499_998, 499_999, 500_000, 500_001, 500_002, None, 10**9]),
        (10**9, 10**9, [1, None, 10**9 - 2, 10**9 - 1, 10**9]),
    ],
)
def test_the_window_shows_the_ends_and_two_either_side(page, pages, window):
    assert page_window(page, pages) == window


def test_a_gap_stands_only_for_numbers_left_out():
    for pages in range(1, 30):
        for page in range(1, pages + 1):
            window = page_window(page, pages)
            numbers = [n for n in window if n is not None]
            assert numbers == sorted(set(numbers)) and numbers[0] == 1 and numbers[-1] == pages
            assert page in numbers
            for before, after in pairwise(window):
                assert before is not None or after is not None  # never two gaps in a row
            for i, n in enumerate(window):
                if n is None:  # between two numbers at least two apart
                    assert window[i + 1] - window[i - 1] >= 2


def _links(app, number: int, pages: int, args=None, anchor=None) -> list[str]:
    """The pager's items as text: '<' and '>' for the arrows, '*N' the current page,
    '…' a gap, 'N=url' a link."""
    page = SimpleNamespace(number=number, pages=pages, has_prev=number > 1, has_next=number < pages)
    with app.test_request_context("/"):
        macro = app.jinja_env.get_template("macros/pagination.html").module.pagination
        html = str(macro(page, "threads.index", args or {}, anchor))
    items = []
    for item in re.findall(r"<li[^>]*>.*?</li>", html):
        if 'class="gap"' in item:
            items.append("…")
        elif 'rel="prev"' in item or 'rel="next"' in item:
            items.append("<" if 'rel="prev"' in item else ">")
        elif 'aria-current="page"' in item:
            items.append("*" + re.sub(r"<[^>]+>", "", item))
        else:
            href, text = re.search(r'href="([^"]+)"[^>]*>(\d+)<', item).groups()
            items.append(f"{text}={href}")
    return items


def test_the_macro_links_the_window(app):
    assert _links(app, 1, 1) == []  # one page: no pager at all
    assert _links(app, 1, 3) == ["*1", "2=/threads/?page=2", "3=/threads/?page=3", ">"]
    assert _links(app, 6, 20) == [
        "<",
        "1=/threads/?page=1",
        "…",
        "4=/threads/?page=4",
        "5=/threads/?page=5",
        "*6",
        "7=/threads/?page=7",
        "8=/threads/?page=8",
        "…",
        "20=/threads/?page=20",
        ">",
    ]
    assert _links(app, 9, 9, {"sort": "newest"}, "posts") == [
        "<",
        "1=/threads/?page=1&amp;sort=newest#posts",
        "…",
        "7=/threads/?page=7&amp;sort=newest#posts",
        "8=/threads/?page=8&amp;sort=newest#posts",
        "*9",
    ]
