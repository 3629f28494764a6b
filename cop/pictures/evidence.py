"""Pictures kept as evidence: while the moderators have an open report about a post,
thread or message a member wrote, that member removes none of their pictures (a
moderator still can, from a post). The rule follows the uploader, not the one post a
picture was first used in: the same picture can show in several posts and messages (the
same file uploaded again, or its address pasted).

The packages that keep the reports decide: cop.moderation (posts and threads) and
cop.conversations (messages) each register a function of a member's id that is True
while an open report names something that member wrote.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

# What the uploader reads on their pictures' page and when a removal is refused.
KEPT_NOTE = _l(
    "Something you wrote is reported to the moderators: your pictures stay until they have looked at it."
)

Check = Callable[[int], bool]
_CHECKS: list[Check] = []


def register(check: Check) -> None:
    if check not in _CHECKS:
        _CHECKS.append(check)


def is_under_report(member_id: int | None) -> bool:
    return member_id is not None and any(check(member_id) for check in _CHECKS)
