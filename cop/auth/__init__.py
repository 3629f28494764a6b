"""Signing in and out, registration, password reset."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__, url_prefix="/auth")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.auth import confirm_views, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    app.before_request(confirm_views.refuse_unconfirmed_writes)
