"""Workshops and webinars: programmes, events, registration and the events calendar."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("events", __name__, url_prefix="/events")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.events import (  # noqa: F401  (routes attach to bp)
        calendar_views,
        feed_views,
        figures_views,
        manage_views,
        organiser_views,
        programme_views,
        registration_views,
        team_views,
        views,
        watch_views,
    )

    app.register_blueprint(bp)
    from cop.events import member_data

    member_data.register()
    from cop.events import watches

    watches.register()  # what a member watches, in their data export
    from cop.events import resource_events  # the events of a resource, on its page

    resource_events.register()
