"""Members: profiles, the directory, preferences, the data export and account closing.

The lowest feature package: it imports no other feature but `cop.jobs` (which imports
none). The features above it add their parts to a member's data export, account closing
and profile activity through the registries in `cop.members.contributions`.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("members", __name__, url_prefix="/members")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the member's export parts
    and the background jobs members owns."""
    from cop.members import account_views, preferences_views, profile_views, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    _register_export_and_jobs()


def _register_export_and_jobs() -> None:
    from cop.jobs import runner
    from cop.members import closing, export, exports

    export.register()
    runner.register(exports.KIND, exports.build_export_job)
    runner.register(closing.KIND, closing.close_account_job, keep_trying=True)
    runner.register_pruner(exports.prune_exports)
