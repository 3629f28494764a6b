"""Workshops and webinars: programmes, events, registration and the events calendar."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("events", __name__, url_prefix="/events")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.events import (  # noqa: F401  (routes attach to bp)
        calendar_views,
        figures_views,
        manage_views,
        organiser_views,
        registration_views,
        views,
    )

    app.register_blueprint(bp)
