"""The form of a member's translation: its language, title and text, bounded like the
original's own (a thread title like a thread title, a post like a post)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import Flags
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from cop.formfields import VersionField, markdown_body_field, strip_whitespace
from cop.i18n import SUPPORTED_LOCALES
from cop.resources import forms as resource_forms
from cop.threads import models as thread_models
from cop.translations.sources import Original

# A table's description is plain text, up to what the tables' form takes.
TABLE_DESCRIPTION_MAX = 1000


@dataclass(frozen=True)
class Bounds:
    title: tuple[int, int] | None  # (min, max) of the title, None: no title
    body: tuple[int, int] | None  # (min, max) of the text, None: no text


def bounds_of(original: Original) -> Bounds:
    """The limits the original's own form sets."""
    if original.kind == "post":
        return Bounds(None, (thread_models.BODY_MIN, thread_models.BODY_MAX))
    if original.kind == "thread":
        return Bounds((thread_models.TITLE_MIN, thread_models.TITLE_MAX), None)
    if original.kind == "resource":
        body = (1, resource_forms.DESCRIPTION_MAX) if original.body.strip() else None
        return Bounds((resource_forms.TITLE_MIN, resource_forms.TITLE_MAX), body)
    return Bounds(None, (1, TABLE_DESCRIPTION_MAX))


class TranslationForm(FlaskForm):
    """Add or improve a translation; `original` decides which fields it has."""

    language = SelectField(_l("Language of the translation"), validate_choice=False)
    title = StringField(_l("Translated title"), filters=[strip_whitespace])
    body = markdown_body_field(
        _l("Translated text"),
        minimum=1,
        maximum=thread_models.BODY_MAX,
        description=_l("Markdown works, as in the original: keep its links, lists and code."),
        rows=12,
    )
    version = VersionField()

    def __init__(self, *args, original: Original, **kwargs):
        super().__init__(*args, **kwargs)
        self.original = original
        self.bounds = bounds_of(original)
        self.language.choices = [
            SelectChoice(code, name, render_kw={"lang": code})
            for code, name in SUPPORTED_LOCALES.items()
            if code != original.language
        ]
        if self.bounds.title is None:
            del self.title
        else:
            _set_validators(self.title, _title_validators(*self.bounds.title))
        if self.bounds.body is None:
            del self.body
        else:
            _set_validators(self.body, _body_validators(original, *self.bounds.body))
            if original.kind != "post" and original.kind != "resource":
                self.body.description = _l("Plain text, like the original.")

    def validate_language(self, field) -> None:
        if field.data not in SUPPORTED_LOCALES:
            raise ValidationError(_l("Choose one of the languages offered."))
        if field.data == self.original.language:
            raise ValidationError(
                _l("The original is written in this language: choose another one.")
            )


def _set_validators(field, validators: list) -> None:
    """Give a bound field this form's validators, and the flags (required, maxlength)
    that browsers read from them."""
    field.validators = validators
    field.flags = Flags()
    for validator in validators:
        for name, value in getattr(validator, "field_flags", {}).items():
            setattr(field.flags, name, value)


def _title_validators(minimum: int, maximum: int) -> list:
    return [
        DataRequired(message=_l("Write the translated title.")),
        Length(
            min=minimum,
            max=maximum,
            message=_l(
                "A title has between %(min)d and %(max)d characters.", min=minimum, max=maximum
            ),
        ),
    ]


def _body_validators(original: Original, minimum: int, maximum: int) -> list:
    required = DataRequired(message=_l("Write the translated text."))
    if original.kind == "resource":
        required = Optional()
    return [
        required,
        Length(
            min=minimum,
            max=maximum,
            message=_l(
                "A message has between %(min)d and %(max)d characters.",
                min=minimum,
                max=maximum,
            ),
        ),
    ]
