"""Who may see the pictures of a post or a message: the owners of those rows decide.

Threads registers "post", conversations "message": a function of (id, viewer) that is
True when the viewer (a member, or None for a visitor) may see the row. A picture no
post uses yet is seen by its owner only.
"""

from __future__ import annotations

from collections.abc import Callable

from cop.members.models import Member

Check = Callable[[int, Member | None], bool]
_CHECKS: dict[str, Check] = {}


def register(kind: str, check: Check) -> None:
    _CHECKS[kind] = check


def can_see(use: str | None, owner_id: int | None, viewer: Member | None) -> bool:
    if use is None:
        return viewer is not None and viewer.id == owner_id
    kind, _, ident = use.partition(":")
    check = _CHECKS.get(kind)
    return check is not None and ident.isdigit() and check(int(ident), viewer)
