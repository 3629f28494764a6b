"""Confirming a new member's email address: a signed, expiring link, then one flag.

The token names the member and the address it was sent to, so a link sent to an
address the member has since replaced does nothing; once the address is confirmed
the link only says so.
"""

from __future__ import annotations

import logging
from enum import Enum

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update

from cop import signals
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)

CONFIRM_SALT = "cop.email-confirm"


class LinkState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # tampered with, or for an address no longer the member's
    USED = "used"  # the address is confirmed already


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CONFIRM_SALT)


def make_confirm_token(member: Member) -> str:
    return _serializer().dumps({"m": member.id, "e": member.email})


def read_confirm_token(token: str) -> tuple[LinkState, Member | None]:
    max_age = current_app.config["EMAIL_CONFIRM_MAX_AGE"]
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        return LinkState.EXPIRED, None
    except BadSignature:
        return LinkState.INVALID, None
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        return LinkState.INVALID, None
    member = db.session.get(Member, data["m"])
    if member is None or member.closed_at is not None or data.get("e") != member.email:
        return LinkState.INVALID, None
    if member.is_email_confirmed:
        return LinkState.USED, member
    return LinkState.VALID, member


def confirm_address(member: Member) -> bool:
    """Mark the member's address confirmed; False if it was already (a double press)."""
    now = utcnow()
    result = db.session.execute(
        update(Member)
        .where(Member.id == member.id, Member.email_confirmed_at.is_(None))
        .values(email_confirmed_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(member, ["email_confirmed_at"])
        return False
    db.session.refresh(member, ["email_confirmed_at"])
    signals.email_confirmed.send(member)
    logger.info("member %s confirmed their email address", member.id)
    return True
