"""What the visitor asks: the words and "quoted phrases" they typed, with junk left out,
and the filters they chose (SearchFilters).

Every word becomes a group of alternative stems (its stems in all six languages: the
language of a query is unknown); a document matches when it holds one stem of every
group. A quoted phrase must also appear, word for word, in the normalized (unstemmed)
title or body. Tokens hold only letters and digits, so they never carry an operator of
FTS5, tsquery or LIKE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cop.search.analysis import all_stems, normalize_words

MAX_QUERY = 200
MAX_TERMS = 10
# Straight, curly, low and angle quotes (Greek, Spanish, French and Portuguese use « »).
_QUOTES = str.maketrans(dict.fromkeys("“”„«»‟＂", '"'))
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[str, ...] = ()  # normalized words, phrases' words included
    phrases: tuple[str, ...] = ()  # normalized phrases of two words or more
    groups: tuple[frozenset[str], ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def stems(self) -> frozenset[str]:
        return frozenset().union(*self.groups) if self.groups else frozenset()


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    category_id: int | None = None
    language: str | None = None
    country: str | None = None
    resource_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    answered: bool = False  # only threads (and their replies) with a marked answer


def parse_query(text: str | None) -> ParsedQuery:
    text = (text or "").strip()[:MAX_QUERY]
    unified = text.translate(_QUOTES)
    phrases: list[str] = []
    words: list[str] = []
    for match in _PHRASE.finditer(unified):
        phrase_words = normalize_words(match.group(1))
        if len(phrase_words) > 1:
            phrases.append(" ".join(phrase_words))
        words.extend(phrase_words)
    words.extend(normalize_words(_PHRASE.sub(" ", unified).replace('"', " ")))
    unique = list(dict.fromkeys(words))[:MAX_TERMS]
    groups = tuple(dict.fromkeys(frozenset(all_stems(w)) for w in unique))
    return ParsedQuery(text=text, words=tuple(unique), phrases=tuple(phrases), groups=groups)


def fts5_expression(query: ParsedQuery) -> str:
    """'("cooper" OR "cooperativ") AND ("social")' for SQLite's MATCH."""
    return " AND ".join(
        "(" + " OR ".join(f'"{s}"' for s in sorted(group)) + ")" for group in query.groups
    )


def tsquery_expression(query: ParsedQuery) -> str:
    """'(cooper | cooperativ) & (social)' for PostgreSQL's to_tsquery('simple', ...)."""
    return " & ".join("(" + " | ".join(sorted(group)) + ")" for group in query.groups)
