"""Drafts of new threads, replies and conversation messages, kept server-side.

Below threads and conversations: they register their places (cop.drafts.places) and
call cop.drafts.writing from their form views."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("drafts", __name__, url_prefix="/drafts")


def init_app(app: Flask) -> None:
    """Attach the routes to `bp`, register it, then the member's data."""
    from cop.drafts import views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    from cop.drafts import member_data  # a member's drafts, for cop.members

    member_data.register()
