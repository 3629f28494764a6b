"""Content across languages: member and machine translations of posts, thread titles,
resources and tables, and what a reader sees in the languages they read."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("translations", __name__, url_prefix="/translations")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp` and register it."""
    # The tables join the metadata; the route modules attach to bp.
    from cop.translations import machine_context, machine_views, models  # noqa: F401

    app.register_blueprint(bp)
    machine_context.init_app(app)
