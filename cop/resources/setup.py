"""The library's settings and template filters, installed when the blueprint registers.

Settings (config key; environment variable COP_<key>):
- UPLOAD_FOLDER: where blobs live, outside static (default instance/uploads);
- SENDFILE_HEADER: None, "X-Accel-Redirect" or "X-Sendfile" (see downloads.py);
- SENDFILE_PREFIX: the nginx internal location for X-Accel-Redirect;
- RESOURCES_PER_PAGE, RESOURCES_MAX_UNPACKED_SIZE, RESOURCES_MAX_ARCHIVE_ENTRIES,
  RESOURCES_MAX_COMPRESSION_RATIO: list size and archive checks.
The upload size limit itself is Flask's MAX_CONTENT_LENGTH (cop/config.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint
from flask_babel import format_decimal
from flask_babel import gettext as _

from cop.i18n import language_name
from cop.resources import fragments
from cop.resources.storage import StorageUnavailable

DEFAULTS = {
    "UPLOAD_FOLDER": None,  # instance/uploads
    "SENDFILE_HEADER": None,  # "X-Accel-Redirect" or "X-Sendfile" in production
    "SENDFILE_PREFIX": "/protected-uploads/",
    "RESOURCES_PER_PAGE": 20,
    "RESOURCES_MAX_UNPACKED_SIZE": 200 * 1024 * 1024,
    "RESOURCES_MAX_ARCHIVE_ENTRIES": 5000,
    "RESOURCES_MAX_COMPRESSION_RATIO": 100,
}


def _configure(state) -> None:
    app = state.app
    for key, value in DEFAULTS.items():
        # COP_UPLOAD_FOLDER in the environment arrives as UPLOAD_FOLDER; the prefixed
        # spelling is accepted too in instance/config.py or a test configuration.
        if app.config.get(key) is None and app.config.get(f"COP_{key}") is not None:
            app.config[key] = app.config[f"COP_{key}"]
        app.config.setdefault(key, value)
    if not app.config["UPLOAD_FOLDER"]:
        if app.testing:  # tests that name no folder never write into instance/
            app.config["UPLOAD_FOLDER"] = tempfile.mkdtemp(prefix="cop-uploads-")
        else:
            app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")


def filesize(size: int | None) -> str:
    size = size or 0
    if size < 1024:
        return _("%(number)s bytes", number=format_decimal(size))
    if size < 1024 * 1024:
        return _("%(number)s KB", number=format_decimal(round(size / 1024)))
    return _("%(number)s MB", number=format_decimal(round(size / 1024 / 1024, 1)))


def resource_language(code: str) -> str:
    """A content language's name in the reader's language ("Arabic", "árabe"); a code
    Babel does not know is shown as it is (cop.i18n.language_name)."""
    return language_name(code)


def _storage_unavailable(error: StorageUnavailable):
    """A file that cannot be read or written outside the upload forms (which keep
    what was typed, cop/resources/formfile.py): a translated 503 instead of a 500."""
    from cop.errors import render_error

    page, code = render_error(
        503, _("The file cannot be reached at the moment. Try again in a few minutes.")
    )
    return page, code, {"Retry-After": "60"}


def register(bp: Blueprint) -> None:
    bp.record_once(_configure)
    bp.app_errorhandler(StorageUnavailable)(_storage_unavailable)
    bp.add_app_template_filter(filesize, "filesize")
    bp.add_app_template_filter(resource_language, "resource_language")
    bp.add_app_template_global(fragments.resource_card_key, "resource_card_key")
