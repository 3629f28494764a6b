"""Moderation forms. Messages are lazy: translated when shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from cop.formfields import (
    BoundedDateField,
    BoundedIntegerField,
    language_choices,
    select_choices,
    strip_whitespace,
)
from cop.threads.forms import title_field

REASON_MAX = 2000


def reason_labels() -> dict:
    return {
        "spam": _l("Spam"),
        "abuse": _l("Abusive or disrespectful"),
        "off_topic": _l("Off topic"),
        "wrong_information": _l("Wrong or misleading information"),
        "other": _l("Something else"),
    }


def reason_field(required: bool = True, label=None) -> TextAreaField:
    validators = [Length(max=REASON_MAX, message=_l("At most %(max)d characters.", max=REASON_MAX))]
    if required:
        validators.insert(0, DataRequired(message=_l("Give a reason: the author will read it.")))
    else:
        validators.insert(0, Optional())
    return TextAreaField(
        label or _l("Reason"),
        filters=[strip_whitespace],
        validators=validators,
        render_kw={"rows": 3},
    )


class ReportForm(FlaskForm):
    reason = SelectField(
        _l("Why are you reporting this?"),
        choices=select_choices(reason_labels().items()),
        validators=[DataRequired(message=_l("Choose a reason."))],
        invalid_choice_message=_l("Choose one of the reasons."),
    )
    note = reason_field(required=False, label=_l("Anything moderators should know (optional)"))


class ReasonForm(FlaskForm):
    """Hide, show, lock, pin, approve...: a reason for the log and the author."""

    reason = reason_field(required=False)


class RequiredReasonForm(FlaskForm):
    reason = reason_field()


class ResolveForm(FlaskForm):
    action = SelectField(
        _l("Action"),
        choices=select_choices(
            [
                ("dismiss", _l("Dismiss: nothing to do")),
                ("hide", _l("Hide the content")),
                ("warn", _l("Warn the author")),
                ("suspend", _l("Suspend the author")),
            ]
        ),
        invalid_choice_message=_l("Choose one of the actions."),
    )
    # Dismissing needs no note; the view asks one for hiding, warning and suspending.
    note = reason_field(
        required=False, label=_l("Note (the author reads it when the content is hidden)")
    )
    until = BoundedDateField(_l("Suspended until (for a suspension)"), validators=[Optional()])


class MoveForm(FlaskForm):
    category = SelectField(
        _l("Move to the table"), coerce=int, invalid_choice_message=_l("Choose a table.")
    )
    reason = reason_field(required=False)


class MergeForm(FlaskForm):
    target = BoundedIntegerField(
        _l("Number of the thread to merge into"),
        low=1,
        validators=[InputRequired(message=_l("Give the number of a thread."))],
        invalid_value_message=_l("Give the number of a thread."),
    )
    reason = reason_field(required=False)


class SplitForm(FlaskForm):
    posts = SelectMultipleField(_l("Replies to move"), coerce=int)
    title = title_field(_l("Title of the new thread"), _l("Give the new thread a title."))
    reason = reason_field(required=False)


class WarnForm(FlaskForm):
    message = reason_field(label=_l("Message to the member"))


class SuspendForm(FlaskForm):
    until = BoundedDateField(
        _l("Suspended until"), validators=[InputRequired(message=_l("Choose a date."))]
    )
    reason = reason_field()


class BanForm(FlaskForm):
    reason = reason_field()


class LanguagesForm(FlaskForm):
    languages = SelectMultipleField(_l("Languages I read"), choices=language_choices())
