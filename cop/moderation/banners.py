"""What every page does for a restricted member: the banners (suspension, ban, unread
warnings) and the sign-out of a banned member. Installed by the package's `init_app`."""

from __future__ import annotations

from flask_login import current_user, logout_user

from cop import permissions
from cop.moderation.queries import unacknowledged_warnings


def banner_context() -> dict:
    """What the banners need; warnings are queried only when some wait to be read."""
    restriction = (
        getattr(current_user, "restriction", None) if current_user.is_authenticated else None
    )
    warnings = []
    if restriction is not None and restriction.unread_warnings:
        warnings = unacknowledged_warnings(current_user)
    return {
        "member_restriction": restriction,
        "member_warnings": warnings,
        "can_report": permissions.can_report,
        "can_moderate": permissions.can_moderate,
    }


def end_banned_session() -> None:
    """A banned member signed in by any path (reset link, remember cookie) is signed out."""
    if current_user.is_authenticated and permissions.is_banned(current_user):
        logout_user()
