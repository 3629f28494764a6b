"""Whole numbers from outside (addresses, query strings, forms) kept inside the database's.

An id like 99999999999999999999 overflows SQLite's INTEGER and makes PostgreSQL's
int4 raise a numeric error: a 500 either way. Every number that reaches a query
passes through here first: ids in addresses (`IdConverter`, registered as `int`),
ids and numbers in query strings and forms (`parse_id`, `parse_page`) and the
integer form field (`cop.formfields.BoundedIntegerField`). Dates likewise
(`parse_date`, `cop.formfields.BoundedDateField`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map, ValidationError

# PostgreSQL's INTEGER (int4): the narrowest id column of both databases.
DB_INT_MAX = 2_147_483_647
# A page number beyond any list this forum will have; larger asks for the first page.
PAGE_MAX = 100_000
# Dates typed by people: wide enough for any real use, yet a day or a time zone away
# from them stays inside Python's dates (9999-12-31 plus a day is an OverflowError).
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2999, 12, 31)


def parse_int(value: Any, *, low: int = 0, high: int = DB_INT_MAX) -> int | None:
    """`value` as an int when it is plain ASCII digits (a sign allowed) within bounds.

    Non-ASCII digits ("٣", "²") and more than a handful of digits are refused before
    int() sees them: int("²") raises and int() of thousands of digits is slow.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        digits = text[1:] if text[:1] in ("+", "-") else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            return None
        number = int(text)
    return number if low <= number <= high else None


def parse_id(value: Any) -> int | None:
    """A database id (1 to DB_INT_MAX) or None: callers answer 404 or ignore the filter."""
    return parse_int(value, low=1)


def parse_date(value: Any) -> date | None:
    """An ISO date (2026-12-03) between DATE_MIN and DATE_MAX, or None."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None
    return day if day is not None and DATE_MIN <= day <= DATE_MAX else None


def parse_page(value: Any) -> int:
    """A page number from a query string: anything unusable means the first page."""
    return parse_int(value, low=1, high=PAGE_MAX) or 1


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: a number the database cannot hold matches nothing (404)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> Any:
        # The rule's regex is \d+, which also matches "٣" and "²"; only ASCII digits are ids.
        if not value.isascii():
            raise ValidationError()
        return super().to_python(value)


def init_app(app: Flask) -> None:
    # Before any blueprint is registered: rules bind their converter when added.
    app.url_map.converters["int"] = IdConverter
