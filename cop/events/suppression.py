"""Small counts in the participation figures: primary and complementary suppression.

In a breakdown that could point at a person (by participants' country, organisation
kind, event language), a count from 1 to 4 is not shown ("<5": primary suppression).
That alone is not enough: a reader who knows the column's sum (the totals, or the
breakdown by event added up) could subtract the cells shown and find the hidden one.
So, column by column, more cells are hidden (complementary suppression, shown "*"),
the smallest non-zero ones first, until no small count can be worked out exactly.

The check takes the reader's side: they know the sum S of the hidden cells, that a
"<5" cell holds 1 to 4 and that a "*" cell holds 5 or more (every 1-4 is a "<5").
A "<5" cell is exposed when those bounds leave it one possible value. If hiding every
non-zero cell of the column still leaves one exposed (one small count alone in its
column, or 1 + 1 alone), the column's total is hidden too ("*"), and what remains
public is documented in README.md ("Participation figures").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL = range(1, 5)
SMALL_LOW, SMALL_HIGH = 1, 4
COMPLEMENTARY_LOW = 5


@dataclass(frozen=True)
class Column:
    primary: frozenset[int]  # indexes of the cells shown "<5"
    complementary: frozenset[int]  # indexes of the cells shown "*"
    total_hidden: bool  # the column's total must be hidden too


def _exposed(values: Sequence[int], primary: set[int], complementary: set[int]) -> bool:
    """True if some "<5" cell has a single possible value, given the hidden sum."""
    hidden = primary | complementary
    total = sum(values[i] for i in hidden)
    lows = {i: SMALL_LOW if i in primary else COMPLEMENTARY_LOW for i in hidden}
    low_sum = sum(lows.values())
    for i in primary:
        others_low = low_sum - lows[i]
        # Each complementary cell can hold any value from 5 up: the others' highest sum
        # is unbounded as soon as one of them is complementary.
        others_unbounded = any(j in complementary for j in hidden if j != i)
        others_high = None if others_unbounded else SMALL_HIGH * (len(hidden) - 1)
        least = SMALL_LOW if others_high is None else max(SMALL_LOW, total - others_high)
        most = min(SMALL_HIGH, total - others_low)
        if least >= most:
            return True
    return False


def protect(values: Sequence[int]) -> Column:
    """Which cells of one column to hide, and whether its total must be hidden."""
    primary = {i for i, value in enumerate(values) if value in SMALL}
    complementary: set[int] = set()
    if not primary:
        return Column(frozenset(), frozenset(), False)
    while _exposed(values, primary, complementary):
        candidates = [
            i
            for i, value in enumerate(values)
            if value > 0 and i not in primary and i not in complementary
        ]
        if not candidates:
            return Column(frozenset(primary), frozenset(complementary), True)
        complementary.add(min(candidates, key=lambda i: (values[i], i)))
    return Column(frozenset(primary), frozenset(complementary), False)
