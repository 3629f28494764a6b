"""Moderation: reports, the queue, approval, content actions, sanctions, the log."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, then the rest of the wiring."""
    from cop.moderation import (  # noqa: F401  (routes attach to bp)
        banners,
        content_views,
        log_views,
        member_views,
        preferences_views,
        receivers,
        thread_views,
        views,
    )

    app.register_blueprint(bp)
    app.context_processor(banners.banner_context)
    app.before_request(banners.end_banned_session)
    receivers.connect()
    from cop.moderation import reports  # a reported post's pictures stay

    reports.connect()
    from cop.moderation import event_team_audit  # an event's team and materials, programmes

    event_team_audit.connect()
    from cop.moderation import translation_audit  # moderators' changes to translations

    translation_audit.connect()
    _register_jobs()


def _register_jobs() -> None:
    from cop.jobs import runner
    from cop.moderation.threadops import merge_thread_job

    runner.register("merge_thread", merge_thread_job)
