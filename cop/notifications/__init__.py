"""Notifications: watching threads, tables and resources; in-app notices; emails."""

from __future__ import annotations

from flask import Blueprint, Flask, before_render_template

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop import headercounts
    from cop.notifications import (  # noqa: F401  (routes attach to bp)
        cli,
        fanout,
        messaging,
        outbox,
        services,
        views,
    )

    app.register_blueprint(bp)
    fanout.connect()
    from cop.notifications import event_fanout, reminders

    event_fanout.connect()
    reminders.connect()
    messaging.connect()
    from cop.notifications import reaction_notices

    reaction_notices.connect()
    from cop.notifications import translation_notices

    translation_notices.connect()
    outbox.init_app(app)
    before_render_template.connect(views.add_unread_count, app)
    headercounts.register_count("notifications", services.unread_count_query)
