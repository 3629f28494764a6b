"""Error pages in the reader's language, inside the site layout."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from cop.extensions import db
from cop.i18n import file_size

logger = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Bad request"),
            _("The page could not understand what was sent. Go back and try again."),
        ),
        403: (_("Not allowed"), _("You do not have permission to do this.")),
        404: (
            _("Page not found"),
            _(
                "There is nothing here. The address may be mistyped, or the page was moved or removed."
            ),
        ),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (
            _("File too large"),
            _(
                "What you sent is larger than this site accepts (%(size)s at most). Nothing was saved: your browser's Back button usually brings back what you wrote; then choose a smaller file.",
                size=file_size(current_app.config.get("MAX_CONTENT_LENGTH")),
            ),
        ),
        429: (
            _("Too many attempts"),
            _("You have tried this too often. Wait a few minutes, then try again."),
        ),
        503: (
            _("Busy: try again"),
            _(
                "Many people are writing at this moment and what you sent was not saved. Wait a few seconds, then send it again."
            ),
        ),
        500: (
            _("Something went wrong"),
            _("The error is ours and has been logged. Please try again in a moment."),
        ),
    }


def render_error(code: int, detail: str | None = None):
    title, message = _messages().get(code, (_("Error"), _("Something went wrong.")))
    return render_template(
        "errors/error.html", code=code, title=title, message=detail or message
    ), code


def _http_error(error: HTTPException):
    return render_error(error.code or 500)


def _csrf_error(error: CSRFError):
    return render_error(
        400,
        _(
            "The form had expired. Your changes were not saved: go back, reload the page and send it again."
        ),
    )


def _database_busy(error: OperationalError):
    # SQLite's one writer at a time: a writer that waited out the busy timeout gets a
    # translated retry page (nothing was saved), not a 500.
    if "database is locked" not in str(error.orig):
        raise error
    db.session.rollback()
    logger.warning("database busy: %s", error.orig)
    page, code = render_error(503)
    return page, code, {"Retry-After": "5"}


def _server_error(error: Exception):
    db.session.rollback()
    logger.exception("unhandled error")
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_busy)
    app.register_error_handler(500, _server_error)
