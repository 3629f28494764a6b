"""Reactions to posts (thanks, helpful, agree) and the answers of Q&A tables."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("reactions", __name__, url_prefix="/reactions")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the thread page's helper,
    the receivers and the member's data."""
    from cop.reactions import answer_views, context, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    context.init_app(app)
    from cop.reactions import member_data, receivers

    receivers.connect()
    member_data.register()
