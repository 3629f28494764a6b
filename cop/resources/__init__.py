"""The resource library: shared training materials with their language versions."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("resources", __name__, url_prefix="/resources")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.resources import views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    from cop.resources import member_data  # a member's resources, for cop.members

    member_data.register()
