"""Keys of the members' cached fragments (cop.fragments): directory cards and a
profile's activity lists. Each key digests every value its template shows."""

from __future__ import annotations

from typing import Any

from cop.fragments import fragment_key, member_parts


def member_card_key(member: Any) -> str:
    return fragment_key(
        "member-card",
        *member_parts(member),
        member.organisation,
        member.organisation_kind,
        member.profession,
        member.city,
        member.country,
        tuple(item.tag for item in member.expertise),
    )


def activity_key(section: Any) -> str:
    """One list of a profile (threads started, replies, resources shared, ...)."""
    return fragment_key(
        "profile-activity",
        section.kind,
        section.total,
        section.page,
        section.pages,
        # Each row's link: its page comes from the section (cop.members.contributions).
        tuple(
            (item.id, item.title, item.created_at.isoformat(), section.url(item))
            for item in section.items
        ),
    )
