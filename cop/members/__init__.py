"""Members: profiles, the directory, their settings, export and closing."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("members", __name__, url_prefix="/members")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then its background jobs."""
    from cop.jobs import runner
    from cop.members import closing, exports, settings, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    runner.register(exports.KIND, exports.build_export_job)
    runner.register(closing.KIND, closing.close_account_job, keep_trying=True)
    runner.register_pruner(exports.prune_exports)
