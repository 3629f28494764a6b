"""Snippets with the matching words marked: escape first, then mark (never |safe on input)."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from cop.search.analysis import LANGUAGES, normalize_words, stem
from cop.search.query import ParsedQuery

# A word as written: letters and digits with their accents, harakat and tatweel.
_WRITTEN_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed])+"
)
BEFORE, AFTER = 12, 30  # words of context around the first match


@lru_cache(maxsize=8192)
def _terms(written: str, language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(normalized words, their stems) of a word as written; most words recur across
    snippets (and pages), so each is analysed once, not once per occurrence."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    words = normalize_words(written)
    return frozenset(words), frozenset(stem(w, lang) for w in words for lang in languages)


def _is_hit(
    written: str, words: frozenset[str], stems: frozenset[str], language: str | None
) -> bool:
    normalized, stemmed = _terms(written, language)
    return not (normalized.isdisjoint(words) and stemmed.isdisjoint(stems))


def highlight(
    text: str, query: ParsedQuery, language: str | None, *, whole: bool = False
) -> Markup:
    """`text` escaped, its matching words in <mark>; cut around the first match unless whole.

    Unless whole, the words are read only up to the end of the snippet (AFTER words past
    the first match, and one more to know whether an ellipsis follows): long bodies are
    not analysed beyond what is shown.
    """
    text = text or ""
    words, stems = frozenset(query.words), query.stems
    matches: list[re.Match[str]] = []
    hits: list[int] = []
    for index, match in enumerate(_WRITTEN_WORD.finditer(text)):
        if not whole and hits and index >= hits[0] + AFTER:
            matches.append(match)  # only to know that the text goes on
            break
        matches.append(match)
        if _is_hit(match.group(), words, stems, language):
            hits.append(index)
    if whole or not matches:
        start_char, end_char = 0, len(text)
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
    if end_char < len(text):
        pieces.append("…")
    return Markup("").join(pieces)
