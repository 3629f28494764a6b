"""The signed-in header's per-reader counts: one query per page, whatever their number.

Features register a count: a function of the reader giving a one-column SELECT (unread
notices from notifications; unread conversations, and how many members' posts the
reader chose not to read, from conversations). The first value a page asks for runs
them all as one SELECT of scalar subqueries, kept on `g` for the rest of the request.
Pages read the values before they render (`before_render_template`, pages only): a
template never queries, and no value of one reader lands in a shared cached fragment
(the header's fragment is keyed by the reader: cop.fragments.site_header_key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import Integer, Select, bindparam, select

from cop.extensions import db

CountQuery = Callable[[Any], Select]

_counts: dict[str, CountQuery] = {}
_combined: list[Select] = []  # the one SELECT of them all, built once


class _AnyReader:
    """Stands for the reader when the SELECT is built: its id is a bound parameter, so
    the statement is built once per process, not on every page (a tenth of its cost)."""

    id = bindparam("header_reader_id", type_=Integer)


def register_count(name: str, make: CountQuery) -> None:
    """Count `make(reader)` with the others (registering again replaces it). `make` may
    use only the reader's `id`."""
    _counts[name] = make
    _combined.clear()


def _statement() -> Select:
    if not _combined:
        reader = _AnyReader()
        columns = [make(reader).scalar_subquery().label(name) for name, make in _counts.items()]
        _combined.append(select(*columns))
    return _combined[0]


def counts_for(member: Any) -> dict[str, int]:
    """Every registered count for `member`, in one query (none when nothing is registered)."""
    if not _counts:
        return {}
    db.session.flush()  # the connection does not flush: this request's changes first
    # Through the connection (Core): on every signed-in page, a third of the ORM's cost.
    row = db.session.connection().execute(_statement(), {"header_reader_id": member.id}).one()
    return {name: int(value or 0) for name, value in row._mapping.items()}


def header_count(name: str) -> int | None:
    """The signed-in reader's count `name`, computed once per request; None for a
    visitor, outside a request, or when no feature registered it."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    if "cop_header_counts" not in g:
        g.cop_header_counts = counts_for(current_user)
    return g.cop_header_counts.get(name)


def is_page(name: str | None) -> bool:
    """A template that extends base.html: neither an email, a macro nor a `_partial`."""
    if not name or name.startswith(("email/", "macros/")):
        return False
    return not name.rsplit("/", 1)[-1].startswith("_")
