"""The page links a pager shows (cop/templates/macros/pagination.html)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its number and how many pages there are."""

    items: list
    number: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_window(page: int, pages: int) -> list[int | None]:
    """The page numbers to link, in order: the first and the last page, and two either
    side of `page`; None where numbers are left out (the pager shows a gap there).

    page_window(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    """
    shown = {1, page - 2, page - 1, page, page + 1, page + 2, pages}
    window: list[int | None] = []
    last = 0
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if number > last + 1:
            window.append(None)
        window.append(number)
        last = number
    return window
