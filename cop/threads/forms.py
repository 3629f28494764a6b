"""Discussion forms. Messages are lazy: they are translated when shown, not at import."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from cop.formfields import (
    BoundedIntegerField,
    VersionField,
    language_choices,
    markdown_body_field,
    strip_whitespace,
)
from cop.i18n import SUPPORTED_LOCALES
from cop.threads.models import BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN


def _language_choices() -> list:
    return language_choices()


def _body_field(label=None) -> TextAreaField:
    return markdown_body_field(
        label or _l("Message"),
        minimum=BODY_MIN,
        maximum=BODY_MAX,
        description=_l(
            "Markdown works: **bold**, *italic*, lists, > quotes, `code`, tables, "
            "[links](https://example.org) and @name to mention a member."
        ),
        rows=10,
    )


def title_field(label=None, required_message=None) -> StringField:
    """A thread title with its length limits; the split form uses it too."""
    return StringField(
        label or _l("Title"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=required_message or _l("Give your thread a title.")),
            Length(
                min=TITLE_MIN,
                max=TITLE_MAX,
                message=_l(
                    "A title has between %(min)d and %(max)d characters.",
                    min=TITLE_MIN,
                    max=TITLE_MAX,
                ),
            ),
        ],
        render_kw={"maxlength": TITLE_MAX},
    )


def _language_field() -> SelectField:
    return SelectField(
        _l("Language of your message"),
        choices=_language_choices(),
        validators=[DataRequired(message=_l("Choose a language."))],
    )


def new_client_token() -> str:
    return secrets.token_urlsafe(24)


class _TokenForm(FlaskForm):
    # A fresh token per form shown: the same token twice means the same submission.
    client_token = HiddenField(validators=[Optional(), Length(max=64)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.client_token.data:
            self.client_token.data = new_client_token()


class ThreadForm(_TokenForm):
    category = SelectField(
        _l("Discussion table"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose a discussion table."))],
    )
    title = title_field()
    body = _body_field()
    language = _language_field()


class ReplyForm(_TokenForm):
    body = _body_field(_l("Your reply"))
    language = _language_field()


class EditPostForm(FlaskForm):
    version = VersionField()
    title = title_field()
    body = _body_field()
    language = _language_field()

    def __init__(self, *args, with_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.title


class CategoryForm(FlaskForm):
    version = VersionField()
    slug = StringField(
        _l("Address name"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Choose a short address name.")),
            Length(max=80, message=_l("Use at most %(max)d characters.", max=80)),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Use lower-case letters, digits and hyphens, like social-economy."),
            ),
        ],
        description=_l("Used in the address of the table's page."),
    )
    position = BoundedIntegerField(
        _l("Position in the list"),
        default=0,
        low=0,
        high=10_000,
        validators=[Optional()],
        invalid_value_message=_l("Use 0 to 10000."),
    )
    original_locale = SelectField(
        _l("Original language"),
        choices=_language_choices(),
        invalid_choice_message=_l("Choose the table's original language."),
    )
    is_archived = BooleanField(_l("Archived (no new threads)"))
    is_qa = BooleanField(
        _l("Questions and answers"),
        description=_l(
            "A thread's author or a moderator can mark one reply as the answer; "
            "it is shown under the question."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One name and description per interface language, added to the form instance.
        self.texts: list[tuple[str, str, StringField, TextAreaField]] = []
        for code, language in SUPPORTED_LOCALES.items():
            name = getattr(self, f"name_{code}")
            description = getattr(self, f"description_{code}")
            self.texts.append((code, language, name, description))

    def validate_original_locale(self, field) -> None:
        # A missing or unknown language has its own error already (not one of the choices).
        if field.data not in SUPPORTED_LOCALES:
            return
        if not getattr(self, f"name_{field.data}").data:
            raise ValidationError(_l("Give the table a name in its original language."))


for _code in SUPPORTED_LOCALES:
    setattr(
        CategoryForm,
        f"name_{_code}",
        StringField(
            _l("Name"),
            filters=[strip_whitespace],
            validators=[Length(max=120, message=_l("Use at most %(max)d characters.", max=120))],
            render_kw={"lang": _code},
        ),
    )
    setattr(
        CategoryForm,
        f"description_{_code}",
        TextAreaField(
            _l("Description"),
            filters=[strip_whitespace],
            validators=[Length(max=1000, message=_l("Use at most %(max)d characters.", max=1000))],
            render_kw={"rows": 3, "lang": _code},
        ),
    )
