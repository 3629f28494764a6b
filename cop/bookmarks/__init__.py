"""Bookmarks of posts, threads, resources and events, with a note and a reminder.

Above threads, resources, events (it reads their rows) and notifications (a reminder is
a notice); nothing below imports it: their templates hold slots it fills
(cop/bookmarks/slots.py)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("bookmarks", __name__, url_prefix="/bookmarks")


def init_app(app: Flask) -> None:
    """Attach the routes to `bp`, register it, the slots, the reminders, the member's data."""
    from cop.bookmarks import views  # noqa: F401  (routes attach to bp)

    app.register_blueprint(bp)
    from cop.bookmarks import member_data, reminders, slots

    slots.init_app(app)
    reminders.init_app(app)
    member_data.register()
