"""Small pieces shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms.fields import HiddenField
from wtforms.fields.choices import SelectChoice


def select_choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 wants them; labels may be lazy strings."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices() -> list[SelectChoice]:
    """The interface languages by their own names, each option marked with its `lang`
    so screen readers say "Ελληνικά" in Greek (as in the footer's switcher)."""
    from cop.i18n import SUPPORTED_LOCALES

    return [
        SelectChoice(code, name, render_kw={"lang": code})
        for code, name in SUPPORTED_LOCALES.items()
    ]


def strip_whitespace(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class VersionField(HiddenField):
    """The version of the row an edit form was shown with (cop.versions).

    Anything but a plain number reads as 0, which no row has: the save is treated as
    stale and the member sees the current text beside theirs, never an error. A request
    without the field (not sent from our form) gives None: saved over the version loaded.
    """

    def process_formdata(self, valuelist):
        if not valuelist:
            self.data = None
            return
        raw = valuelist[0]
        self.data = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
