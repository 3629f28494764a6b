"""The pages every community publishes, and the texts shipped with the forum.

The shipped texts (cop/pages/defaults/<slug>/<language>.md: a `# Title` line, then
Markdown) are version 1 of each page in every language, so the site never shows an
empty code of conduct. An admin's first save of a page makes version 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from cop.sanitize import render_markdown

CODE_OF_CONDUCT = "code-of-conduct"
PRIVACY = "privacy"
SLUGS = (CODE_OF_CONDUCT, PRIVACY, "terms", "help", "contact")
# Accepted at registration, shown again once after a material change.
POLICIES = (CODE_OF_CONDUCT, PRIVACY)
SHIPPED_VERSION = 1
FALLBACK_LANGUAGE = "en"

NAMES = {
    CODE_OF_CONDUCT: _l("Code of conduct"),
    PRIVACY: _l("Privacy notice"),
    "terms": _l("Terms of use"),
    "help": _l("Help"),
    "contact": _l("Contact"),
}

_FOLDER = Path(__file__).parent / "defaults"


@dataclass(frozen=True)
class ShippedText:
    title: str
    body_source: str
    body_html: str


@cache
def shipped(slug: str, language: str) -> ShippedText | None:
    """The shipped text of a page in a language (None for an unknown pair)."""
    if slug not in SLUGS or "/" in language or "." in language:
        return None
    path = _FOLDER / slug / f"{language}.md"
    if not path.is_file():
        return None
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    body = body.strip() + "\n"
    return ShippedText(first.removeprefix("#").strip(), body, render_markdown(body))
