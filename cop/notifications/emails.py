"""What every notification email shares: unsubscribe tokens (signed, without expiry, so
old emails keep working), the List-Unsubscribe and Message-ID headers, and how long a
claim on a message to send holds (cop.notifications.outbox, .digests)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from cop.extensions import db
from cop.members.models import Member
from cop.notifications.models import Kind, Mode

CLAIM_TIMEOUT = timedelta(minutes=15)
UNSUBSCRIBE_SALT = "cop.notifications.unsubscribe"
DIGEST_SCOPES = (Mode.DAILY.value, Mode.WEEKLY.value)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def make_unsubscribe_token(member: Member, scope: str) -> str:
    return _serializer().dumps({"m": member.id, "s": scope})


def read_unsubscribe_token(token: str) -> tuple[Member, str] | None:
    """(member, scope) for a genuine token; scope is a kind, "daily" or "weekly"."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        return None
    scope = data.get("s")
    if scope not in {k.value for k in Kind} and scope not in DIGEST_SCOPES:
        return None
    member = db.session.get(Member, data["m"])
    return (member, scope) if member is not None else None


# Headers (links built outside a request too: the commands)


def message_id(name: str) -> str:
    config = current_app.config
    domain = config.get("SERVER_NAME") or "cop.localhost"
    return f"<{name}@{domain.split(':')[0]}>"


def unsubscribe_headers(member: Member, scope: str) -> tuple[str, dict[str, str]]:
    link = url_for(
        "notifications.unsubscribe",
        token=make_unsubscribe_token(member, scope),
        _external=True,
    )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return link, headers
