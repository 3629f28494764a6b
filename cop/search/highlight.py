"""Snippets with the matching words marked: escape first, then mark (never |safe on input)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from cop.search.analysis import LANGUAGES, normalize_words, stem
from cop.search.query import ParsedQuery

# A word as written: letters and digits with their accents, harakat and tatweel.
_WRITTEN_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed])+"
)
BEFORE, AFTER = 12, 30  # words of context around the first match


def _is_hit(written: str, query: ParsedQuery, language: str | None) -> bool:
    languages = (language,) if language in LANGUAGES else LANGUAGES
    for word in normalize_words(written):
        if word in query.words or any(stem(word, lang) in query.stems for lang in languages):
            return True
    return False


def highlight(
    text: str, query: ParsedQuery, language: str | None, *, whole: bool = False
) -> Markup:
    """`text` escaped, its matching words in <mark>; cut around the first match unless whole."""
    matches = list(_WRITTEN_WORD.finditer(text or ""))
    hits = [i for i, m in enumerate(matches) if _is_hit(m.group(), query, language)]
    if whole or not matches:
        start_char, end_char = 0, len(text or "")
    else:
        first = hits[0] if hits else 0
        lo, hi = max(0, first - BEFORE), min(len(matches), first + AFTER)
        start_char = matches[lo].start() if lo else 0
        end_char = matches[hi - 1].end() if hi < len(matches) else len(text)
    pieces: list[str] = ["…"] if start_char else []
    position = start_char
    for index in hits:
        match = matches[index]
        if match.start() < start_char or match.end() > end_char:
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(Markup("<mark>%s</mark>") % match.group())
        position = match.end()
    pieces.append(escape(text[position:end_char]))
    if end_char < len(text or ""):
        pieces.append("…")
    return Markup("").join(pieces)
