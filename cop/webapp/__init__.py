"""The site as an installable web app: its manifest and icons."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("webapp", __name__)


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop.webapp import views

    app.register_blueprint(bp)
    app.jinja_env.globals["manifest_url"] = views.manifest_url
