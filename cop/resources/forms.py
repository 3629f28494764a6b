"""Sharing and editing forms. Messages are lazy: translated when shown, not at import."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from cop.formfields import VersionField, language_choices, select_choices
from cop.i18n import country_choices
from cop.resources.filetypes import ACCEPTED_EXTENSIONS
from cop.resources.models import LICENCE_LABELS, TYPE_LABELS, ResourceType
from cop.resources.services import MAX_TAGS, TAG_MAX_LENGTH

TITLE_MIN, TITLE_MAX = 5, 150
DESCRIPTION_MAX = 20_000


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


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


def _language_choices() -> list[tuple[str, str]]:
    return language_choices()


def _kept_file_field() -> HiddenField:
    """The signed token of an upload kept from an earlier submission (cop/resources/kept.py)."""
    return HiddenField(validators=[Length(max=4000)])


def _file_field(label) -> FileField:
    return FileField(
        label,
        description=_l(
            "PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG, JPEG, WebP or ZIP."
        ),
        render_kw={"accept": ",".join(ACCEPTED_EXTENSIONS)},
    )


class ResourceForm(FlaskForm):
    """The metadata, shared by the share and edit forms."""

    title = StringField(
        _l("Title"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Give the resource a title.")),
            Length(
                min=TITLE_MIN,
                max=TITLE_MAX,
                message=_l(
                    "Use between %(min)d and %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX
                ),
            ),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("What it is, who it is for and how to use it. Markdown works here."),
        validators=[
            Length(
                max=DESCRIPTION_MAX,
                message=_l("Use at most %(max)d characters.", max=DESCRIPTION_MAX),
            )
        ],
    )
    type = SelectField(
        _l("Type"),
        choices=select_choices((t.value, label) for t, label in TYPE_LABELS.items()),
        validators=[DataRequired(message=_l("Choose a type."))],
    )
    original_language = SelectField(
        _l("Original language"),
        choices=_language_choices(),
        description=_l("The language the material was written in; translations follow it."),
    )
    country = SelectField(_l("Country"), validators=[Optional()])
    tags = StringField(
        _l("Topics"),
        filters=[_strip],
        description=_l(
            "Up to %(count)d topics, separated by commas, for example: co-production, procurement.",
            count=MAX_TAGS,
        ),
        validators=[Length(max=MAX_TAGS * (TAG_MAX_LENGTH + 2))],
    )
    licence = SelectField(
        _l("Licence"),
        choices=select_choices([("", _l("Choose…")), *LICENCE_LABELS.items()]),
        validators=[
            DataRequired(message=_l("Choose the licence the material is published under."))
        ],
    )
    source = StringField(
        _l("Source"),
        filters=[_strip],
        description=_l("Where it comes from: a training module, a national workshop, a study…"),
        validators=[Length(max=300, message=_l("Use at most %(max)d characters.", max=300))],
    )
    funding = StringField(
        _l("Funding acknowledgement"),
        filters=[_strip],
        validators=[Length(max=500, message=_l("Use at most %(max)d characters.", max=500))],
    )
    external_url = URLField(
        _l("Link"),
        filters=[_strip],
        description=_l("For a video or a page elsewhere: its address."),
        validators=[Length(max=2000), _web_address],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = select_choices(
            [("", _l("Not specific to one country")), *country_choices()]
        )

    @property
    def resource_type(self) -> ResourceType:
        return ResourceType(self.type.data)


class ShareForm(ResourceForm):
    file = _file_field(_l("File"))
    kept_file = _kept_file_field()
    file_language = SelectField(_l("Language of the file"), choices=_language_choices())
    category = SelectField(
        _l("Discussion table"),
        description=_l("A discussion about the resource opens in this table."),
        validators=[DataRequired(message=_l("Choose where the resource is discussed."))],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.file.data or self.kept_file.data or self.external_url.data):
            self.file.errors = [*self.file.errors, _l("Choose a file to share, or give a link.")]
            valid = False
        return valid


class EditForm(ResourceForm):
    version = VersionField()


class VersionForm(FlaskForm):
    file = _file_field(_l("File"))
    kept_file = _kept_file_field()
    language = SelectField(_l("Language of the file"), choices=_language_choices())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.file.data or self.kept_file.data):
            self.file.errors = [*self.file.errors, _l("Choose a file.")]
            valid = False
        return valid


class RemoveForm(FlaskForm):
    reason = StringField(
        _l("Reason"),
        filters=[_strip],
        validators=[Length(max=500, message=_l("Use at most %(max)d characters.", max=500))],
    )
