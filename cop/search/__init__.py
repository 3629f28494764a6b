"""Multilingual search: one index of threads, replies, resources and member profiles."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("search", __name__, url_prefix="/search")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop.search import rebuild, receivers, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    from cop.cli import cop_cli

    cop_cli.add_command(rebuild.reindex_command)
    receivers.connect()
