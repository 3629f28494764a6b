"""Handles: the short unique name in profile URLs and @mentions, made from the display name."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member
from cop.textfold import fold

MAX_LENGTH = 40
# A letter or digit of any script, or a combining mark written on one: "@عُمر" carries a
# short vowel and "@ine\u0302s" may arrive decomposed; \w alone stops at the mark.
_CHAR = r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
# Letters and digits joined by single underscores (or . and -): "@عمر_الخطيب" works.
HANDLE_PATTERN = rf"{_CHAR}+(?:[_.-]{_CHAR}+)*"
_SEPARATORS = re.compile(r"[\W_]+")
# Words the members pages use in their own URLs (/members/settings/...).
RESERVED = frozenset({"settings", "directory", "admin", "me"})


def base_handle(display_name: str) -> str:
    """'Lucía Fernández' -> 'lucia_fernandez'; accents and short vowels go, scripts stay."""
    decomposed = unicodedata.normalize("NFKD", display_name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\u0640", "")  # Arabic tatweel is only decoration
    words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", stripped).lower()) if w]
    return "_".join(words)[:MAX_LENGTH].strip("_") or "member"


def handle_key(text: str) -> str:
    """A handle folded as search folds words (case, accents, short vowels, tatweel, final
    sigma, alef/yaa/taa marbuta forms): "@Μαρία_Κωνσταντίνου" as written and the stored
    "μαρια_κωνσταντινου" have the same key. Stored handles stay as people spell them."""
    return fold(text)


# Folded letters that stand for several stored ones (ي for ى and ئ, σ for ς...).
_FOLDED_VARIANTS = frozenset("\u0627\u0648\u064a\u0647\u03c3")


def handle_like(key: str) -> str:
    """A LIKE pattern (escape "\\") matching every stored handle that may fold to `key`:
    a letter with variants matches any one character; handle_key() then decides."""
    escaped = (ch if ch not in "%_\\" else "\\" + ch for ch in key)
    return "".join("_" if ch in _FOLDED_VARIANTS else ch for ch in escaped)


def unique_handle(display_name: str) -> str:
    base = base_handle(display_name)
    taken = set(
        db.session.scalars(select(Member.handle).where(Member.handle.like(f"{base}%", escape="\\")))
    )
    taken |= RESERVED
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"
