"""Handles: the short unique name in profile URLs and @mentions, made from the display name."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member

MAX_LENGTH = 40
# Letters and digits of any script, joined by single underscores: "@عمر_الخطيب" works.
HANDLE_PATTERN = r"[^\W_]+(?:[_.-][^\W_]+)*"
_SEPARATORS = re.compile(r"[\W_]+")


def base_handle(display_name: str) -> str:
    """'Lucía Fernández' -> 'lucia_fernandez'; accents and short vowels go, scripts stay."""
    decomposed = unicodedata.normalize("NFKD", display_name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\u0640", "")  # Arabic tatweel is only decoration
    words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", stripped).lower()) if w]
    return "_".join(words)[:MAX_LENGTH].strip("_") or "member"


def unique_handle(display_name: str) -> str:
    base = base_handle(display_name)
    taken = set(
        db.session.scalars(select(Member.handle).where(Member.handle.like(f"{base}%", escape="\\")))
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"
