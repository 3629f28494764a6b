"""A pseudo-locale built from the code's own strings, and a reader of what pages show.

Every ASCII letter of every msgstr becomes an accented look-alike ("Next" -> "Ñéẋţ"),
placeholders and markup kept. Served as Greek ("el"), so Babel's dates, numbers, country
and language names come out in Greek letters too. A word left with only ASCII letters
on a page was then never translated: it is not in the catalog, or it is built outside
gettext. User content is written in Arabic script (tests/i18n/scene.py), addresses are
recognised by their shape, and text marked with another `lang` is that language's own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CODE = "el"

_LOOKALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
# Kept as written: %(name)s placeholders, tags, entities, {0} slots.
_KEEP = re.compile(r"%\(\w+\)[sd]|%[sd%]|<[^>]*>|&#?\w+;|\{\w*\}")


def transform(text: str) -> str:
    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(text[last : match.start()].translate(_LOOKALIKES))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(_LOOKALIKES))
    return "".join(pieces)


def extract_pot(target: Path) -> Path:
    """The code's strings now (not the committed .pot, which may lag behind)."""
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
            "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
            "-o", str(target), ".",
        ],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return target


def write_pseudo_catalog(pot: Path, folder: Path, domain: str) -> None:
    """folder/el/LC_MESSAGES/<domain>.mo with every message of `pot` transformed."""
    with pot.open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale=CODE, domain=domain)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = [transform(message.id[0])] + [transform(message.id[1])] * (
                catalog.num_plurals - 1
            )
            catalog.add(message.id, tuple(forms), context=message.context)
        else:
            catalog.add(message.id, transform(message.id), context=message.context)
    target = folder / CODE / "LC_MESSAGES" / f"{domain}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        write_mo(f, catalog)


# What readers see or hear besides text: these attributes, and a button's value.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-confirm")
BUTTON_INPUTS = ("submit", "button", "reset")
_SKIPPED_ELEMENTS = {"script", "style"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


class ShownText(HTMLParser):
    """The texts a page shows or reads aloud, without those marked as another language."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool, str]] = []  # (tag, inside script/style, lang)
        self.texts: list[str] = []

    def _shown(self) -> bool:
        """Not code, and in the page's language (the innermost `lang` decides)."""
        if not self.stack:
            return True
        _, hidden, lang = self.stack[-1]
        return not hidden and lang == self.page_lang

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden, lang = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, "")
        hidden = hidden or tag in _SKIPPED_ELEMENTS
        lang = (attrs.get("lang") or lang or self.page_lang).split("-")[0]
        self.stack.append((tag, hidden, lang))
        if self._shown():
            self.texts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in BUTTON_INPUTS and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag in _VOID:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self._shown() and data.strip():
            self.texts.append(data)


_ADDRESS = re.compile(r"\w+://\S*|[\w.+-]+@[\w-]+(\.[\w-]+)+|\S+\.(org|com|net)\b")
# CLDR writes offsets with Latin letters even in Greek ("GMT+03:00"): Babel's, not ours.
_CLDR_OFFSET = re.compile(
    re.escape(Locale.parse(CODE).zone_formats["gmt"] % "") + r"[+\-\u2212]?[\d:]*"
)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")


def untranslated_words(texts: list[str]) -> list[str]:
    """Words made only of ASCII letters (and punctuation): English that escaped gettext."""
    words = []
    for text in texts:
        for word in _CLDR_OFFSET.sub(" ", _ADDRESS.sub(" ", text)).split():
            if _ASCII_LETTER.search(word) and not _OTHER_LETTER.search(word):
                words.append(word)
    return words


def untranslated_in_page(html: str) -> list[str]:
    match = re.search(r'<html[^>]*\blang="([\w-]+)"', html)
    reader = ShownText(match.group(1).split("-")[0] if match else CODE)
    reader.feed(html)
    return untranslated_words(reader.texts)
