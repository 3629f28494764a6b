"""The community's pages: code of conduct, privacy notice, terms, help, contact.

Admins edit each page in each language; members accept the code of conduct and the
privacy notice at registration and see a materially changed version once.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pages", __name__, url_prefix="/pages")


def init_app(app: Flask) -> None:
    """Attach the route modules to `bp`, register it, show changed policies once, record
    the policies accepted at registration, give the member's export its part."""
    from cop.pages import (  # noqa: F401  (routes attach to bp)
        edit_views,
        interstitial,
        member_data,
        receivers,
        views,
    )

    app.register_blueprint(bp)
    app.before_request(interstitial.show_changed_policy)
    receivers.connect()
    member_data.register()
