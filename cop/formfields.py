"""Small pieces shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import format_date, format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, TextAreaField
from wtforms.fields import HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from cop.bounds import DATE_MAX, DATE_MIN, DB_INT_MAX, parse_int


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


def strip_end(value: str | None) -> str | None:
    # Leading spaces can mean code in Markdown; trailing ones never matter.
    return value.rstrip() if isinstance(value, str) else value


def markdown_body_field(
    label, *, minimum: int, maximum: int, description, rows: int
) -> TextAreaField:
    """A post's or a message's Markdown text, with its length limits."""
    return TextAreaField(
        label,
        filters=[strip_end],
        validators=[
            DataRequired(message=_l("Write your message.")),
            Length(
                min=minimum,
                max=maximum,
                message=_l(
                    "A message has between %(min)d and %(max)d characters.",
                    min=minimum,
                    max=maximum,
                ),
            ),
        ],
        description=description,
        render_kw={"rows": rows},
    )


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


class BoundedIntegerField(IntegerField):
    """IntegerField that takes only what the database can hold (every form uses this one).

    WTForms' IntegerField accepts 99999999999999999999, which overflows the database
    when the number is stored or looked up; this one refuses it with the field's error.
    """

    def __init__(self, *args, low: int = 0, high: int = DB_INT_MAX, **kwargs):
        super().__init__(*args, **kwargs)
        self.low, self.high = low, high

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        self.data = parse_int(valuelist[0], low=self.low, high=self.high)
        if self.data is None:
            raise ValueError(
                self.invalid_value_message
                or _(
                    "Give a whole number from %(low)s to %(high)s.",
                    low=format_number(self.low),
                    high=format_number(self.high),
                )
            )


class BoundedDateField(DateField):
    """DateField that refuses dates no one means (9999-12-31 overflows a day later)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not DATE_MIN <= self.data <= DATE_MAX:
            self.data = None
            raise ValueError(
                _(
                    "Choose a date from %(low)s to %(high)s.",
                    low=format_date(DATE_MIN),
                    high=format_date(DATE_MAX),
                )
            )
