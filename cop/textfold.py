"""Text folded for comparison: case, width, accents and Arabic marks removed.

Search reads words this way and member handles are compared this way (so "maria" finds
"María" and "Μαρία" matches "μαρια"); a lower module both can use.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic: short vowels, tanween, shadda, sukun, superscript alef, Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u03c2": "\u03c3",  # Greek final sigma -> sigma
    }
)
# Every combining mark of the Basic Multilingual Plane (accents, tonos, diacritics), as
# one character class: much faster than testing unicodedata.combining() per character.
_COMBINING = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    + "]"
)


def fold(text: str) -> str:
    """`text` folded as search reads it, punctuation kept: 'Μαρία_Κ' -> 'μαρια_κ'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _ARABIC_MARKS.sub("", folded)
    if not folded.isascii():
        decomposed = _COMBINING.sub("", unicodedata.normalize("NFD", folded))
        folded = unicodedata.normalize("NFC", decomposed).translate(_ARABIC_LETTERS)
    return folded
