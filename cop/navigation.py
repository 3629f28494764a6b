"""Where to send a visitor next, without ever leaving the site."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target


# The forum's sections, in menu order; each appears once its blueprint is registered.
SECTIONS = (
    ("threads.index", "Discussions"),
    ("resources.index", "Resources"),
    ("events.index", "Events"),
    ("members.directory", "Members"),
)


def main_navigation() -> list[tuple[str, str]]:
    from flask import current_app
    from flask_babel import gettext as _

    labels = {
        "Discussions": _("Discussions"),
        "Resources": _("Resources"),
        "Events": _("Events"),
        "Members": _("Members"),
    }
    return [(ep, labels[key]) for ep, key in SECTIONS if ep in current_app.view_functions]
