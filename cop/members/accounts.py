"""A member's account: finding a member by email, ending their sessions.

Sign-in, registration and password reset (cop.auth) build on these; so do the
preferences pages (a new email address), moderation (a ban ends every session) and the
command line. They add and flush, the caller commits.
"""

from __future__ import annotations

import contextlib

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member, new_session_token


def normalize_email(email: str) -> str:
    email = email.strip()
    with contextlib.suppress(EmailNotValidError):  # invalid ones are only looked up, never stored
        email = validate_email(email, check_deliverability=False).normalized
    return email.casefold()


def find_member_by_email(email: str) -> Member | None:
    return db.session.scalar(select(Member).where(Member.email == normalize_email(email)))


def end_all_sessions(member: Member) -> None:
    """Every session and remember-me cookie of this member stops working."""
    member.session_token = new_session_token()
