"""Pictures kept as evidence: while the post or message holding a picture is reported
and the report is open, its uploader cannot remove it (a moderator still can, in a post).

The packages that keep the reports decide: cop.moderation registers "post",
cop.conversations "message", each a function of the row's id that is True while an
open report names it.
"""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[[int], bool]
_CHECKS: dict[str, Check] = {}


def register(kind: str, check: Check) -> None:
    _CHECKS[kind] = check


def is_under_report(use: str | None) -> bool:
    """`use` as a picture's `used_by` says it ("post:12")."""
    if use is None:
        return False
    kind, _, ident = use.partition(":")
    check = _CHECKS.get(kind)
    return check is not None and ident.isdigit() and check(int(ident))
