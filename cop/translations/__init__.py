"""Content across languages: member and machine translations of posts, thread titles,
resources and tables, and what a reader sees in the languages they read."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("translations", __name__, url_prefix="/translations")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp` and register it, then tell the thread pages and
    lists how to show texts in the reader's language."""
    from cop.translations import (
        models,  # noqa: F401  (the tables join the metadata)
        reading_views,  # noqa: F401  (routes attach to bp)
    )

    app.register_blueprint(bp)
    from cop.translations import reading, shown

    shown.register()
    reading.init_app(app)
