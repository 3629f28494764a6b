"""Every message is translated in every catalog, and the catalogs follow the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cop.i18n import SUPPORTED_LOCALES

ROOT = Path(__file__).parents[2]
TRANSLATED = [code for code in SUPPORTED_LOCALES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
EXPECTED_PLURALS = {"ar": 6, "el": 2}


def catalog(code: str):
    with open(ROOT / "translations" / code / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=code)


def messages(cat):
    return [m for m in cat if m.id]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(code):
    cat = catalog(code)
    missing = [m.id for m in messages(cat) if not all(m.string) if isinstance(m.string, tuple)]
    missing += [m.id for m in messages(cat) if not isinstance(m.string, tuple) and not m.string]
    fuzzy = [m.id for m in messages(cat) if m.fuzzy]
    assert missing == [], f"{code}: {len(missing)} untranslated, first: {missing[:3]}"
    assert fuzzy == [], f"{code}: fuzzy: {fuzzy[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code):
    wrong = []
    for message in messages(catalog(code)):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            # Languages may drop the number in a singular or dual form ("one link").
            if not set(PLACEHOLDER.findall(string)) <= expected | set(PLACEHOLDER.findall(ids[0])):
                wrong.append((ids[0], string))
            if len(strings) == 1 and set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((ids[0], string))
    assert wrong == [], f"{code}: placeholders differ: {wrong[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_are_the_languages_own(code):
    cat = catalog(code)
    if code in EXPECTED_PLURALS:
        assert cat.num_plurals == EXPECTED_PLURALS[code]
    for message in messages(cat):
        if isinstance(message.id, tuple):
            assert len(message.string) == cat.num_plurals, message.id


def test_catalogs_are_not_stale_against_the_code(tmp_path):
    """Extracting the strings again gives exactly the messages the catalogs hold."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
            "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
            "-o", str(pot), ".",
        ],
        cwd=ROOT, check=True,
    )  # fmt: skip
    with open(pot, "rb") as f:
        in_code = {m.id for m in read_po(f) if m.id}
    for code in TRANSLATED:
        in_catalog = {m.id for m in messages(catalog(code))}
        new = in_code - in_catalog
        gone = in_catalog - in_code
        assert not new, f"{code}: run `make translations-update`, new strings: {list(new)[:3]}"
        assert not gone, f"{code}: run `make translations-update`, removed: {list(gone)[:3]}"
