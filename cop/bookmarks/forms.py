"""The bookmark form: a note and a reminder date, both optional."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from cop.bookmarks.models import NOTE_MAX
from cop.formfields import BoundedDateField, strip_whitespace


class BookmarkForm(FlaskForm):
    note = TextAreaField(
        _l("Note"),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("Keep it under %(max)d characters.", max=NOTE_MAX)),
        ],
        description=_l("Plain text, only for you: why you kept it, what to do with it."),
        render_kw={"rows": 3, "maxlength": NOTE_MAX},
    )
    remind_on = BoundedDateField(
        _l("Remind me on"),
        validators=[Optional()],
        description=_l("Optional. On that day you get a notice (and an email if you chose so)."),
    )
