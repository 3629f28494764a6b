"""Template helpers: fingerprinted static URLs and localized dates."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from pathlib import Path

from flask import Flask, current_app, url_for
from flask_babel import format_datetime, format_timedelta

from cop.models import utcnow
from cop.navigation import main_navigation
from cop.pagination import page_window


@cache
def _fingerprint(static_folder: str, filename: str) -> str:
    data = (Path(static_folder) / filename).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def asset_url(filename: str) -> str:
    """A static URL that changes with the file's content, so it can be cached for a year."""
    version = _fingerprint(current_app.static_folder, filename)
    return url_for("static", filename=filename, v=version)


def localized_datetime(value: datetime | None, style: str = "medium") -> str:
    return format_datetime(value, style) if value else ""


def time_ago(value: datetime | None) -> str:
    """ "3 hours ago", in the reader's language."""
    if value is None:
        return ""
    return format_timedelta(value - utcnow(), add_direction=True, threshold=1.1)


def has_endpoint(name: str) -> bool:
    """Whether a feature's page exists, so templates link only to real pages."""
    return name in current_app.view_functions


def init_app(app: Flask) -> None:
    app.jinja_env.globals["has_endpoint"] = has_endpoint
    app.jinja_env.globals["asset_url"] = asset_url
    app.jinja_env.globals["main_navigation"] = main_navigation
    app.jinja_env.globals["page_window"] = page_window
    app.jinja_env.filters["datetime"] = localized_datetime
    app.jinja_env.filters["time_ago"] = time_ago
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
