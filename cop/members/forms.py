"""Profile and settings forms. Messages are lazy: translated when shown, not at import."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from cop.formfields import VersionField, language_choices, select_choices, strip_whitespace
from cop.i18n import available_timezones, country_choices, is_supported
from cop.members import choices
from cop.members.models import Visibility

BIO_MAX = 2000


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _web_address(form, field) -> None:
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in field.data:
        raise ValidationError(_l("Enter a web address starting with https://"))


def _link_field(label) -> URLField:
    return URLField(
        label,
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=500, message=_l("Use at most %(max)d characters.", max=500)),
            _web_address,
        ],
        render_kw={"placeholder": "https://", "dir": "ltr", "inputmode": "url"},
    )


def _tags(value: str | None) -> list[str]:
    if not value:
        return []
    parts = value.replace("،", ",").replace(";", ",").split(",")
    return [tag for tag in (choices.normalize_tag(p) for p in parts) if tag]


class ProfileForm(FlaskForm):
    version = VersionField()
    display_name = StringField(
        _l("Display name"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter the name other members will see.")),
            Length(max=80, message=_l("Use at most %(max)d characters.", max=80)),
        ],
        render_kw={"autocomplete": "name"},
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[strip_whitespace],
        validators=[Length(max=160, message=_l("Use at most %(max)d characters.", max=160))],
        render_kw={"autocomplete": "organization"},
    )
    organisation_kind = SelectField(_l("Kind of organisation"), validators=[Optional()])
    profession = SelectField(_l("Your role"), validators=[Optional()])
    country = SelectField(
        _l("Country"), validators=[DataRequired(message=_l("Choose your country."))]
    )
    city = StringField(
        _l("City or town"),
        filters=[strip_whitespace],
        validators=[Length(max=80, message=_l("Use at most %(max)d characters.", max=80))],
        render_kw={"autocomplete": "address-level2"},
    )
    languages = MultiCheckboxField(_l("Languages you speak"), validators=[Optional()])
    expertise = StringField(
        _l("Areas of expertise"),
        filters=[strip_whitespace],
        description=_l("Separate them with commas, for example: co-production, training."),
        validators=[Length(max=600, message=_l("Use at most %(max)d characters.", max=600))],
        render_kw={"list": "expertise-suggestions", "autocomplete": "off"},
    )
    bio = TextAreaField(
        _l("About you"),
        description=_l("A few lines about your work. Markdown works: *italics*, **bold**, lists."),
        validators=[
            Length(max=BIO_MAX, message=_l("Use at most %(max)d characters.", max=BIO_MAX))
        ],
        render_kw={"rows": 6},
    )
    # Not required: a form sent without it (an old page) gets the interface language.
    bio_language = SelectField(
        _l("Language of this text"), choices=language_choices(), validate_choice=False
    )
    link1 = _link_field(_l("Web link 1"))
    link2 = _link_field(_l("Web link 2"))
    link3 = _link_field(_l("Web link 3"))
    visibility = RadioField(
        _l("Who can see your profile details"),
        default=Visibility.MEMBERS.value,
        description=_l(
            "Your name and picture always appear next to what you post. "
            "Your email address is never shown to anyone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_kind.choices = select_choices(
            [("", _l("Not given")), *choices.organisation_kind_choices()]
        )
        self.profession.choices = select_choices(
            [("", _l("Not given")), *choices.profession_choices()]
        )
        self.country.choices = select_choices([("", _l("Choose…")), *country_choices()])
        self.languages.choices = select_choices(choices.language_choices())
        self.visibility.choices = select_choices(
            (v.value, label) for v, label in choices.VISIBILITY_LABELS.items()
        )

    def validate_bio_language(self, field) -> None:
        if field.data and not is_supported(field.data):
            raise ValidationError(_l("Choose one of the languages in the list."))

    def expertise_tags(self) -> list[str]:
        return _tags(self.expertise.data)

    def validate_expertise(self, field) -> None:
        tags = _tags(field.data)
        if len(tags) > 12:
            raise ValidationError(_l("Name at most %(max)d areas.", max=12))
        if any(len(tag) > choices.MAX_TAG_LENGTH for tag in tags):
            raise ValidationError(
                _l("Keep each area under %(max)d characters.", max=choices.MAX_TAG_LENGTH)
            )


class AvatarForm(FlaskForm):
    image = FileField(
        _l("Picture"),
        validators=[FileRequired(message=_l("Choose a picture to upload."))],
        description=_l("PNG, JPEG or WEBP, at most 5 MB. It is cropped to a square."),
        render_kw={"accept": "image/png,image/jpeg,image/webp"},
    )


class PreferencesForm(FlaskForm):
    locale = SelectField(_l("Interface language"), choices=language_choices())
    format_locale = SelectField(
        _l("Regional format for dates and numbers"),
        validators=[Optional()],
        # Any offered format is accepted (validate_format_locale): the list shows the current
        # language's, but a member may switch language and format in one go.
        validate_choice=False,
        description=_l("The formats offered follow the interface language."),
    )
    timezone = StringField(
        _l("Time zone"),
        filters=[strip_whitespace],
        description=_l(
            "For example Europe/Madrid, Asia/Amman or Africa/Tunis. "
            "Left empty, your country's time zone is used."
        ),
        render_kw={"list": "timezones", "autocomplete": "off", "dir": "ltr"},
    )
    show_events_attended = BooleanField(
        _l("Show the events I attended on my profile"),
        description=_l("Off by default: the organisers know who came, other members do not."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.format_locale.choices = select_choices(
            [("", _l("Default for the language")), *choices.regional_format_choices()]
        )

    def validate_format_locale(self, field) -> None:
        if field.data and field.data not in choices.all_regional_formats():
            raise ValidationError(_l("Choose one of the formats offered."))

    def validate_timezone(self, field) -> None:
        if field.data and field.data not in available_timezones():
            raise ValidationError(_l("Choose a time zone from the list, like Europe/Athens."))


class EmailChangeForm(FlaskForm):
    new_email = EmailField(
        _l("New email address"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter your email address.")),
            Length(max=254, message=_l("This email address is too long.")),
            Email(message=_l("Enter a valid email address, like name@example.org.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class CloseAccountForm(FlaskForm):
    password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    delete_posts = BooleanField(_l("Also delete everything I posted"))
    confirm = BooleanField(
        _l("I understand that closing my account cannot be undone"),
        validators=[DataRequired(message=_l("Tick this box to close your account."))],
    )


def status_of(form: FlaskForm) -> int:
    """The status of a page showing `form`: 422 once it was sent with errors."""
    return 422 if form.errors else 200
