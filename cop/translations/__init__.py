"""Content across languages: member and machine translations of posts, thread titles,
resources and tables, and what a reader sees in the languages they read."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("translations", __name__, url_prefix="/translations")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp` and register it."""
    from cop.translations import models  # noqa: F401  (the tables join the metadata)

    app.register_blueprint(bp)
    from cop.translations import detection_cli  # noqa: F401  (flask cop detect-languages)
