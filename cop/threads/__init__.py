"""Discussion tables, threads, replies, feeds."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("threads", __name__, url_prefix="/threads")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it."""
    from cop.threads import (  # noqa: F401  (routes attach to bp)
        category_views,
        picture_views,
        unread_views,
        views,
        write_views,
    )

    app.register_blueprint(bp)
    from cop.threads import member_data  # a member's threads and posts, for cop.members

    member_data.register()
    from cop.threads import drafting  # its places for drafts, for cop.drafts

    drafting.register()
    from cop.threads import picture_uses  # pictures in posts (cop.pictures)

    picture_uses.register()
