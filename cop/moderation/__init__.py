"""Moderation: reports, the queue, approval, content actions, sanctions, the log."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop.moderation import member_views, setup, thread_views, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    setup.init_app(app)
    _register_jobs()


def _register_jobs() -> None:
    from cop.jobs import runner
    from cop.moderation.threadops import merge_thread_job

    runner.register("merge_thread", merge_thread_job)
