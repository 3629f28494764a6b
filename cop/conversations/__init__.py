"""Private conversations between members, blocks, and reports of a message."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("conversations", __name__, url_prefix="/conversations")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, offer the header's count."""
    from cop.conversations import (  # noqa: F401  (routes attach to bp)
        block_views,
        context,
        picture_views,
        report_views,
        views,
    )

    app.register_blueprint(bp)
    context.init_app(app)

    from cop.conversations import member_data  # a member's conversations, for cop.members

    member_data.register()
    from cop.conversations import drafting  # its places for drafts, for cop.drafts

    drafting.register()
    from cop.conversations import picture_uses  # pictures in messages (cop.pictures)

    picture_uses.register()
