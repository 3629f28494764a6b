"""Text analysis, the same for indexing and for querying (pure functions).

normalize_text() folds what readers do not distinguish: NFKC, case, Latin and Greek
accents (final sigma too), Arabic tashkeel, tatweel and the letter variants of alef,
hamza, yaa and taa marbuta. stems() then applies the Snowball stemmer of a language.

Documents are stemmed in their own language; the language of a query is unknown, so
each query word is expanded to its stems in all six languages (query.py). Expanding the
query (six stems per word, at most) is far cheaper than indexing every document six
times, and keeps the index small: "cooperativas" becomes {cooper, cooperativ, ...} and
one of them is what the Spanish document "cooperativa" was indexed with.
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

from cop.textfold import fold

# The six languages of the community, by their interface code.
STEMMER_NAMES = {
    "en": "english",
    "es": "spanish",
    "pt": "portuguese",
    "el": "greek",
    "ar": "arabic",
    "fr": "french",
}
LANGUAGES = tuple(STEMMER_NAMES)

# Words: letters and digits (no underscore), so tokens never hold an operator character
# of FTS5, tsquery or LIKE.
WORD = re.compile(r"[^\W_]+")
MAX_WORD = 60


def normalize_text(text: str | None) -> str:
    """Folded words separated by single spaces: 'Κοινωνικής Οικονομίας' -> 'κοινωνικησ οικονομιασ'."""
    return " ".join(normalize_words(text))


def normalize_words(text: str | None) -> list[str]:
    if not text:
        return []
    return [w for w in WORD.findall(fold(text)) if len(w) <= MAX_WORD]


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMER_NAMES[language])


@cache
def stem(word: str, language: str) -> str:
    """The Snowball stem of a normalized word ('cooperativas', 'es' -> 'cooper')."""
    return _stemmer(language).stemWord(word) or word


def stems(words: list[str], language: str | None) -> list[str]:
    """The words stemmed in the document's language; in all six when it is unknown."""
    if language in STEMMER_NAMES:
        return [stem(w, language) for w in words]
    out: list[str] = []
    for word in words:
        out.extend(dict.fromkeys(stem(word, lang) for lang in LANGUAGES))
    return out


def all_stems(word: str) -> set[str]:
    """A query word's stems in every language of the community."""
    return {stem(word, lang) for lang in LANGUAGES}


def analyze(text: str | None, language: str | None) -> tuple[str, str]:
    """(normalized text, stemmed tokens) of a document field."""
    words = normalize_words(text)
    return " ".join(words), " ".join(stems(words, language))
