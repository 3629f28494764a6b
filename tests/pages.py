"""Helpers for comparing rendered pages."""

from __future__ import annotations

import re

MASKED_TOKEN = re.compile(r'value="m\.[A-Za-z0-9_-]+"')


def without_csrf_tokens(html: str) -> str:
    """The page with its CSRF tokens blanked: every response masks them afresh
    (cop.csrfmask), so two views of one cached page differ only there."""
    return MASKED_TOKEN.sub('value="csrf-token"', html)
