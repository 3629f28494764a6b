"""The library's template filters: a file size and a content language, in the
reader's language."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from cop.i18n import language_name


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
