"""Small pieces shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

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
