"""Rate limits on writing and reporting: per member and per address (Flask-Limiter)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from cop.extensions import limiter


def _member_key() -> str:
    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return get_remote_address()


def _limits(config_key: str, scope: str) -> Callable:
    def limit_value() -> str:
        return current_app.config[config_key]

    by_address = limiter.limit(limit_value, methods=["POST"], scope=f"{scope}-address")
    by_member = limiter.limit(
        limit_value, key_func=_member_key, methods=["POST"], scope=f"{scope}-member"
    )

    def decorate(view: Callable) -> Callable:
        return by_address(by_member(view))

    return decorate


posting_limits = _limits("RATELIMIT_POST", "posting")
reporting_limits = _limits("RATELIMIT_REPORT", "reporting")
conversation_limits = _limits("RATELIMIT_CONVERSATION", "conversation")
confirm_resend_limits = _limits("RATELIMIT_CONFIRM_RESEND", "confirm-resend")
reaction_limits = _limits("RATELIMIT_REACTION", "reaction")


def _site_key() -> str:
    return "site"


def _machine_translation_limits() -> Callable:
    """Per member and address, and for the whole site: what a provider is asked."""
    per_reader = _limits("RATELIMIT_MACHINE_TRANSLATION", "machine-translation")
    site = limiter.limit(
        lambda: current_app.config["RATELIMIT_MACHINE_TRANSLATION_SITE"],
        key_func=_site_key,
        methods=["POST"],
        scope="machine-translation-site",
    )

    def decorate(view: Callable) -> Callable:
        return per_reader(site(view))

    return decorate


machine_translation_limits = _machine_translation_limits()
