"""Flask-Login wiring: a session is valid only while its member's token is current."""

from __future__ import annotations

import hmac

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from cop.extensions import db, login_manager
from cop.members.models import Member

# Built once: the reader is loaded on every signed-in request.
_MEMBER = select(Member).where(Member.id == bindparam("member_id"))


@login_manager.user_loader
def load_member(session_id: str) -> Member | None:
    member_id, _, token = session_id.partition(":")
    if not member_id.isdigit() or not token:
        return None
    member = db.session.scalar(_MEMBER, {"member_id": int(member_id)})
    if member is None or member.closed_at is not None:
        return None
    if not hmac.compare_digest(member.session_token, token):
        return None
    return member


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
