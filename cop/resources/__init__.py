"""The resource library: shared training materials with their language versions."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("resources", __name__, url_prefix="/resources")


def init_app(app: Flask) -> None:
    """Attach the route modules and `flask resources` commands to `bp`, register it,
    then the library's configuration defaults, error page and template helpers."""
    from cop.i18n import file_size
    from cop.resources import (  # noqa: F401  (routes and commands attach to bp)
        cli,
        config,
        download_views,
        filters,
        fragments,
        sharing_views,
        views,
    )
    from cop.resources.storage import StorageUnavailable

    config.configure(app)
    app.register_blueprint(bp)
    app.register_error_handler(StorageUnavailable, views.storage_unavailable_page)
    app.add_template_filter(file_size, "filesize")
    app.add_template_filter(filters.resource_language, "resource_language")
    app.add_template_global(fragments.resource_card_key, "resource_card_key")
    from cop.resources import member_data  # a member's resources, for cop.members

    member_data.register()
