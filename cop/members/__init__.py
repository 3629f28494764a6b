"""Members: profiles, the directory, their settings, export and closing."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("members", __name__, url_prefix="/members")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.members import settings, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
