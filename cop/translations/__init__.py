"""Content across languages: member and machine translations of posts, thread titles,
resources and tables, and what a reader sees in the languages they read."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("translations", __name__, url_prefix="/translations")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp` and register it, then the originals' line of
    translations (a template global), the member's data, the receivers, and how the
    thread pages and lists show texts in the reader's language."""
    from cop.translations import (  # noqa: F401  (routes attach to bp)
        machine_views,
        member_views,
        models,
        reading_views,
        views,
    )

    app.register_blueprint(bp)
    from cop.translations import links, machine_context, member_data, reading, receivers, shown

    links.init_app(app)
    member_data.register()
    receivers.connect()  # a picture removed from a post leaves its translations
    shown.register()
    reading.init_app(app)
    machine_context.init_app(app)
    from cop.translations import detection_cli  # noqa: F401  (flask cop detect-languages)
