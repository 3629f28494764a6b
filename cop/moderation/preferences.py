"""A moderator's preferences: the languages they read, for the queue's "my languages"
filter. Services: they add and flush, never commit."""

from __future__ import annotations

from sqlalchemy import delete, select

from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.moderation.models import ModeratorLanguage


def set_moderator_languages(member: Member, codes: list[str]) -> None:
    current = set(
        db.session.scalars(
            select(ModeratorLanguage.code).where(ModeratorLanguage.member_id == member.id)
        )
    )
    # Statements that tolerate the same form saved twice at once.
    gone = current - set(codes)
    if gone:
        db.session.execute(
            delete(ModeratorLanguage).where(
                ModeratorLanguage.member_id == member.id, ModeratorLanguage.code.in_(gone)
            )
        )
    for code in set(codes) - current:
        insert_ignore(ModeratorLanguage, ["member_id", "code"], member_id=member.id, code=code)
