"""Avatars: uploaded pictures re-encoded to a small square, or initials drawn as SVG."""

from __future__ import annotations

import hashlib
import unicodedata
from xml.sax.saxutils import escape

from PIL import Image, ImageOps

from cop.imaging import ImageRefused, encode_webp, open_upload

SIZE = 256  # pixels, square; shown at 32 to 128 CSS pixels, so sharp on dense screens
MAX_BYTES = 5 * 1024 * 1024
ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
MIMETYPE = "image/webp"

# The upload cannot be an avatar; `reason` says why (a key the view translates).
AvatarError = ImageRefused


def reencode_avatar(data: bytes) -> bytes:
    """Decode (cop.imaging), crop to a centred square, scale to SIZE, re-encode as WEBP.

    Only the pixels survive: EXIF (with its GPS position), ICC, XMP and comments are
    dropped because a new image is written from the decoded pixels alone.
    """
    if not data:
        raise AvatarError("not_image")
    image = open_upload(data, max_bytes=MAX_BYTES, accepted=ACCEPTED_FORMATS)
    image = ImageOps.fit(image, (SIZE, SIZE), method=Image.Resampling.LANCZOS)
    return encode_webp(image)


def image_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


# --- Generated avatars -------------------------------------------------------------

# Background colours with white text at 4.5:1 contrast or better.
PALETTE = ("#1f6f8b", "#8b3a62", "#2e7d32", "#6a4c93", "#b5461b", "#37474f", "#00695c", "#ad1457")
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}
_ARABIC_ARTICLE = "\u0627\u0644"  # "al-": عمر الخطيب is ع خ, not ع ا


def first_grapheme(word: str) -> str:
    """The first user-perceived character: a base letter with its marks and joiners."""
    word = unicodedata.normalize("NFC", word)
    if not word:
        return ""
    cluster = word[0]
    for ch in word[1:]:
        if (
            unicodedata.combining(ch)
            or unicodedata.category(ch) in ("Mn", "Me")
            or (ch in _JOINERS or cluster[-1] == "\u200d")
        ):
            cluster += ch
        else:
            break
    return cluster


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for script in ("ARABIC", "GREEK", "HEBREW"):
        if name.startswith(script):
            return script
    return "OTHER"


def _letter_of(word: str) -> str:
    if _script(word[:1]) == "ARABIC":
        # Short vowels (harakat), tatweel and the article are not initials; hamza is.
        word = "".join(ch for ch in word if not ("\u064b" <= ch <= "\u0652" or ch == "\u0640"))
        if word.startswith(_ARABIC_ARTICLE) and len(word) > 3:
            word = word[2:]
        return first_grapheme(word)
    letter = first_grapheme(word).upper()
    # Greek capitals drop their accents: Ίων -> Ι.
    return _strip_marks(letter) if _script(letter[:1]) == "GREEK" else letter


def initials(display_name: str) -> str:
    """Up to two initials: the first grapheme of the first and of the last word."""
    words = [w for w in display_name.split() if any(ch.isalnum() for ch in w)]
    words = [w.lstrip("(\"'«“-") for w in words]
    if not words:
        return "?"
    letters = [_letter_of(words[0])]
    if len(words) > 1:
        letters.append(_letter_of(words[-1]))
    if _script(letters[0][:1]) == "ARABIC":
        # A thin space keeps each letter in its isolated form, ع خ, not the joined عخ
        # (some fonts ignore a zero-width non-joiner inside SVG text).
        return "\u2009".join(letters)
    return "".join(letters)


def initials_svg(display_name: str, key: str) -> str:
    """A square SVG with the initials, its colour chosen from the member's handle."""
    text = initials(display_name)
    colour = PALETTE[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(PALETTE)]
    rtl = _script(text[:1]) in ("ARABIC", "HEBREW")
    lang = {"ARABIC": "ar", "GREEK": "el", "HEBREW": "he"}.get(_script(text[:1]), "und")
    fonts = (
        "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Segoe UI', Tahoma, 'Geeza Pro', sans-serif"
        if rtl
        else "'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
    )
    size = 46 if rtl else 40
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">'
        f'<rect width="128" height="128" fill="{colour}"/>'
        f'<text x="64" y="64" dy=".35em" text-anchor="middle" fill="#fff" xml:lang="{lang}"'
        f' direction="{"rtl" if rtl else "ltr"}" unicode-bidi="embed"'
        f' font-family="{escape(fonts)}" font-size="{size}" font-weight="600">'
        f"{escape(text)}</text></svg>"
    )
