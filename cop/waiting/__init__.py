"""Threads waiting for an answer: no reply yet from anyone but their author, listed in
the languages the reader reads; the moderators' view of them per language; a section of
the digests (cop/notifications asks cop.waiting.queries)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("waiting", __name__, url_prefix="/waiting")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then connect the receivers that
    keep threads.first_other_reply_at."""
    from cop.waiting import staff_views, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    from cop.waiting import receivers

    receivers.connect()
