"""Forms of the community's pages. Messages are lazy: translated when shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from cop.formfields import VersionField, language_choices, strip_end, strip_whitespace

TITLE_MAX = 200
BODY_MAX = 60_000


class PageForm(FlaskForm):
    version = VersionField()
    language = SelectField(
        _l("Language of this text"),
        choices=language_choices(),
        invalid_choice_message=_l("Choose a language from the list."),
    )
    title = StringField(
        _l("Title"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Give the page a title.")),
            Length(max=TITLE_MAX, message=_l("Use at most %(max)d characters.", max=TITLE_MAX)),
        ],
    )
    body = TextAreaField(
        _l("Text (Markdown)"),
        filters=[strip_end],
        validators=[
            DataRequired(message=_l("Write the page's text.")),
            Length(max=BODY_MAX, message=_l("Use at most %(max)d characters.", max=BODY_MAX)),
        ],
        render_kw={"rows": 24},
    )
    material = BooleanField(
        _l("Material change: show the new version once to every member at their next visit"),
    )


class AcceptForm(FlaskForm):
    version = VersionField()
    next = HiddenField()
