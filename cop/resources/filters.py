"""The library's template filter: a content language, in the reader's language (a
file size is cop.i18n.file_size)."""

from __future__ import annotations

from cop.i18n import language_name


def resource_language(code: str) -> str:
    """A content language's name in the reader's language ("Arabic", "árabe"); a code
    Babel does not know is shown as it is (cop.i18n.language_name)."""
    return language_name(code)
