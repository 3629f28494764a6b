"""Pictures in posts and messages: re-encoded uploads, served from a cookie-less path.

Below threads and conversations, which attach pictures to their forms and register who
may see the pictures of a post or a message (`visibility.register`).
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pictures", __name__, url_prefix="/media")


def init_app(app: Flask) -> None:
    """Attach the media route to `bp`, register it and the orphan pruning job."""
    from cop.pictures import cli, member_data, views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    member_data.register()
