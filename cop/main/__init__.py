"""The home page and the language switch."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("main", __name__)


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.main import views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
