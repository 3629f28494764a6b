"""Account services: they add and flush, the caller commits."""

from __future__ import annotations

import logging

from cop import signals
from cop.extensions import db
from cop.members.accounts import end_all_sessions, find_member_by_email, normalize_email
from cop.members.handles import unique_handle
from cop.members.models import Member, Role, new_session_token
from cop.members.passwords import hash_password, verify_password
from cop.models import utcnow

logger = logging.getLogger(__name__)


class EmailTakenError(Exception):
    """Another member registered this email address already."""


def register_member(
    *,
    display_name: str,
    email: str,
    password: str,
    country: str,
    locale: str,
    role: Role = Role.MEMBER,
    email_confirmed: bool = False,
    accepted_policies: bool = False,
) -> Member:
    """A new member; unless `email_confirmed` (an admin made by the CLI, the demo), they
    confirm their address by the link cop.auth.confirm_views sends before they write.
    `accepted_policies`: they ticked the code of conduct and the privacy notice on the
    registration form (cop.pages records the versions, receiving member_registered)."""
    email = normalize_email(email)
    if find_member_by_email(email) is not None:
        raise EmailTakenError(email)
    display_name = display_name.strip()
    member = Member(
        display_name=display_name,
        handle=unique_handle(display_name),
        email=email,
        password_hash=hash_password(password),
        country=country,
        locale=locale,
        role=role,
        session_token=new_session_token(),
        email_confirmed_at=utcnow() if email_confirmed else None,
    )
    db.session.add(member)
    db.session.flush()
    signals.member_registered.send(member, accepted_policies=accepted_policies)
    logger.info("member %s registered", member.id)
    return member


def authenticate(email: str, password: str) -> Member | None:
    """The member with these credentials, or None; as slow for unknown emails."""
    member = find_member_by_email(email)
    if not verify_password(member.password_hash if member else None, password):
        return None
    return member if member.closed_at is None else None  # closed, being removed


def set_password(member: Member, password: str) -> None:
    member.password_hash = hash_password(password)
    member.password_changed_at = utcnow()
    end_all_sessions(member)
    logger.info("member %s changed their password", member.id)


def set_role(member: Member, role: Role) -> None:
    member.role = role
    logger.info("member %s is now %s", member.id, role.value)
