"""Signed, expiring tokens that confirm a new email address by a link sent to it."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from cop.extensions import db
from cop.members.models import Member

EMAIL_SALT = "cop.email-change"
MAX_AGE = 24 * 60 * 60  # a day


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=EMAIL_SALT)


def _fingerprint(member: Member) -> str:
    # Changes with the current address or a new session token: once the address is
    # changed (or the member signs out everywhere), older links stop working.
    state = f"{member.email}|{member.session_token}".encode()
    return hashlib.sha256(state).hexdigest()[:32]


def make_email_token(member: Member, new_email: str) -> str:
    return _serializer().dumps({"m": member.id, "e": new_email, "f": _fingerprint(member)})


def read_email_token(token: str) -> tuple[Member, str] | None:
    """(member, new address) for a valid, unexpired, unused token, else None."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        return None
    member = db.session.get(Member, data["m"])
    email = data.get("e")
    if member is None or not isinstance(email, str) or data.get("f") != _fingerprint(member):
        return None
    return member, email
