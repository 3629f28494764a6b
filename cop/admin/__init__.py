"""Admin pages: the dashboard, members' roles, site settings."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.admin import views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
