"""Notifications: watching threads, tables and resources; in-app notices; emails."""

from __future__ import annotations

from flask import Blueprint, Flask, before_render_template

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop.notifications import cli, fanout, outbox, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    fanout.connect()
    from cop.notifications import reaction_notices

    reaction_notices.connect()
    outbox.init_app(app)
    before_render_template.connect(views.add_unread_count, app)
