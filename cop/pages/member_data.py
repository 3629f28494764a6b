"""A member's acceptances of the code of conduct and privacy notice, in their data export.

Registered in cop.pages.init_app (see cop.members.contributions). Closing an account needs
no step: the rows go with the member's (ON DELETE CASCADE).
"""

from __future__ import annotations

from sqlalchemy import select

from cop.extensions import db
from cop.members.contributions import ExportPart, iso, register_export_part
from cop.members.models import Member
from cop.pages.models import PolicyAcceptance


def register() -> None:
    register_export_part("policies", policies_part, order=15)


def policies_part(member: Member) -> ExportPart | None:
    rows = db.session.scalars(
        select(PolicyAcceptance)
        .where(PolicyAcceptance.member_id == member.id)
        .order_by(PolicyAcceptance.accepted_at, PolicyAcceptance.id)
    ).all()
    if not rows:
        return None
    return ExportPart(
        "policies",
        {
            "accepted": [
                {"page": row.slug, "version": row.version, "accepted_at": iso(row.accepted_at)}
                for row in rows
            ]
        },
    )
