"""Signed, expiring, single-use tokens for password reset."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from cop.extensions import db
from cop.members.models import Member

RESET_SALT = "cop.password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _fingerprint(member: Member) -> str:
    # Changes whenever the password (and so the hash) or the session token changes:
    # a token stops working the moment it has been used once.
    state = f"{member.password_hash}|{member.session_token}".encode()
    return hashlib.sha256(state).hexdigest()[:32]


def make_reset_token(member: Member) -> str:
    return _serializer().dumps({"m": member.id, "f": _fingerprint(member)})


def member_for_reset_token(token: str) -> Member | None:
    """The member a valid, unexpired, unused token belongs to, else None."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict):
        return None
    member = db.session.get(Member, data.get("m")) if isinstance(data.get("m"), int) else None
    if member is None or data.get("f") != _fingerprint(member):
        return None
    return member
