"""Event forms. Times are typed as a local date and time in the event's own time zone
and turned into UTC here; messages are lazy (translated when shown)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from cop.events.models import ANSWER_MAX, PLACE_MAX, QUESTION_MAX, TITLE_MAX, EventFormat
from cop.events.times import is_timezone, to_utc
from cop.formfields import (
    BoundedDateField,
    BoundedIntegerField,
    VersionField,
    language_choices,
    select_choices,
    strip_whitespace,
)
from cop.i18n import country_choices

TITLE_MIN = 3
DESCRIPTION_MAX = 20_000
CAPACITY_MAX = 100_000

FORMAT_LABELS = {
    EventFormat.IN_PERSON: _l("In person"),
    EventFormat.ONLINE: _l("Online"),
    EventFormat.MIXED: _l("In person and online"),
}


def _web_address(form, field) -> None:
    if not field.data:
        return
    parts = urlsplit(field.data)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(ord(ch) < 33 for ch in field.data)
    ):
        raise ValidationError(_l("Enter a web address that starts with https:// or http://."))


def _known_zone(form, field) -> None:
    if not is_timezone(field.data):
        raise ValidationError(
            _l("Choose a time zone from the list, such as Europe/Lisbon or Asia/Amman.")
        )


def _text(label, maximum: int, **kwargs) -> StringField:
    return StringField(
        label,
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=maximum)],
        **kwargs,
    )


class EventForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Give the event a title.")),
            Length(min=TITLE_MIN, max=TITLE_MAX),
        ],
    )
    language = SelectField(_l("Language of the title and description"))
    description = TextAreaField(
        _l("Description"),
        description=_l("The programme of the day, who it is for, what to bring. Markdown works."),
        validators=[Length(max=DESCRIPTION_MAX)],
    )
    programme = SelectField(_l("Programme"), validators=[Optional()])
    format = SelectField(_l("Format"))
    country = SelectField(_l("Country"), validators=[Optional()])
    city = _text(_l("City"), PLACE_MAX)
    venue = _text(_l("Venue"), PLACE_MAX)
    address = _text(_l("Address"), 500)
    online_url = StringField(
        _l("Online link"),
        filters=[strip_whitespace],
        description=_l("Shown only to registered participants and organisers."),
        validators=[Optional(), Length(max=2000), _web_address],
    )
    delivery_languages = SelectMultipleField(_l("Languages the event is held in"))
    timezone = StringField(
        _l("Time zone of the event"),
        filters=[strip_whitespace],
        description=_l("The dates and times below are in this time zone."),
        validators=[DataRequired(message=_l("Give the event's time zone.")), _known_zone],
    )
    start_date = BoundedDateField(_l("Start date"), validators=[InputRequired()])
    start_time = TimeField(_l("Start time"), validators=[InputRequired()])
    end_date = BoundedDateField(_l("End date"), validators=[InputRequired()])
    end_time = TimeField(_l("End time"), validators=[InputRequired()])
    capacity = BoundedIntegerField(
        _l("Places"),
        low=1,
        high=CAPACITY_MAX,
        description=_l("Leave empty for no limit. When it is full, members join a waiting list."),
        validators=[Optional()],
    )
    deadline_date = BoundedDateField(_l("Registration closes on"), validators=[Optional()])
    deadline_time = TimeField(_l("Registration closes at"), validators=[Optional()])
    question_1 = _text(
        _l("A question for registrants"),
        QUESTION_MAX,
        description=_l("Optional, for example about accessibility needs or dietary needs."),
    )
    question_2 = _text(_l("Another question for registrants"), QUESTION_MAX)
    version = VersionField()

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        languages = language_choices()
        self.language.choices = languages
        self.delivery_languages.choices = language_choices()
        self.format.choices = select_choices((f.value, label) for f, label in FORMAT_LABELS.items())
        self.country.choices = select_choices([("", _l("None: online only")), *country_choices()])
        self.programme.choices = select_choices(
            [("", _l("No programme")), *((str(p.id), p.title) for p in programmes)]
        )

    def times(self) -> tuple[datetime, datetime, datetime | None]:
        """Start, end and deadline in UTC (after validation)."""
        zone = self.timezone.data
        starts = to_utc(self.start_date.data, self.start_time.data, zone)
        ends = to_utc(self.end_date.data, self.end_time.data, zone)
        deadline = None
        if self.deadline_date.data:
            clock = self.deadline_time.data or self.start_time.data
            deadline = to_utc(self.deadline_date.data, clock, zone)
        return starts, ends, deadline

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not valid:
            return False
        starts, ends, deadline = self.times()
        if ends <= starts:
            self.end_time.errors.append(_l("The event must end after it starts."))
            valid = False
        if deadline is not None and deadline > starts:
            self.deadline_date.errors.append(_l("Registration must close before the event starts."))
            valid = False
        if self.format.data != EventFormat.IN_PERSON.value and not self.online_url.data:
            self.online_url.errors.append(_l("An online or mixed event needs its link."))
            valid = False
        if self.format.data != EventFormat.ONLINE.value and not self.country.data:
            self.country.errors.append(_l("Choose the country where the event takes place."))
            valid = False
        return valid


class PublishForm(FlaskForm):
    category = SelectField(
        _l("Discussion table"),
        description=_l("The event's discussion thread opens in this table."),
    )


class RegisterForm(FlaskForm):
    answer_1 = StringField(filters=[strip_whitespace], validators=[Length(max=ANSWER_MAX)])
    answer_2 = StringField(filters=[strip_whitespace], validators=[Length(max=ANSWER_MAX)])


class OrganiserRoleForm(FlaskForm):
    handle = StringField(
        _l("Member's handle"),
        filters=[strip_whitespace],
        validators=[DataRequired(message=_l("Give the member's handle.")), Length(max=60)],
    )
    country = SelectField(_l("Country"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = select_choices(country_choices())
