"""Small pieces shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import format_date, format_number
from flask_babel import gettext as _
from wtforms import DateField, IntegerField
from wtforms.fields.choices import SelectChoice

from cop.bounds import DATE_MAX, DATE_MIN, DB_INT_MAX, parse_int


def select_choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 wants them; labels may be lazy strings."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip_whitespace(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


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
