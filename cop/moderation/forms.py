"""Moderation and admin forms. Messages are lazy: translated when shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
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


def _reason(required: bool = True, label=None) -> TextAreaField:
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
    note = _reason(required=False, label=_l("Anything moderators should know (optional)"))


class ReasonForm(FlaskForm):
    """Hide, show, lock, pin, approve...: a reason for the log and the author."""

    reason = _reason(required=False)


class RequiredReasonForm(FlaskForm):
    reason = _reason()


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
    note = _reason(
        required=False, label=_l("Note (the author reads it when the content is hidden)")
    )
    until = BoundedDateField(_l("Suspended until (for a suspension)"), validators=[Optional()])


class MoveForm(FlaskForm):
    category = SelectField(
        _l("Move to the table"), coerce=int, invalid_choice_message=_l("Choose a table.")
    )
    reason = _reason(required=False)


class MergeForm(FlaskForm):
    target = BoundedIntegerField(
        _l("Number of the thread to merge into"),
        low=1,
        validators=[InputRequired(message=_l("Give the number of a thread."))],
        invalid_value_message=_l("Give the number of a thread."),
    )
    reason = _reason(required=False)


class SplitForm(FlaskForm):
    posts = SelectMultipleField(_l("Replies to move"), coerce=int)
    title = title_field(_l("Title of the new thread"), _l("Give the new thread a title."))
    reason = _reason(required=False)


class WarnForm(FlaskForm):
    message = _reason(label=_l("Message to the member"))


class SuspendForm(FlaskForm):
    until = BoundedDateField(
        _l("Suspended until"), validators=[InputRequired(message=_l("Choose a date."))]
    )
    reason = _reason()


class BanForm(FlaskForm):
    reason = _reason()


class LanguagesForm(FlaskForm):
    languages = SelectMultipleField(_l("Languages I read"), choices=language_choices())


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=select_choices(
            [
                ("member", _l("Member")),
                ("moderator", _l("Moderator")),
                ("admin", _l("Administrator")),
            ]
        ),
        invalid_choice_message=_l("Choose one of the roles."),
    )
    reason = _reason(required=False)


class SettingsForm(FlaskForm):
    # The text states the rule of cop.threads.approval.needs_approval: it counts
    # approved posts, so a newcomer's many posts all wait until some are approved.
    approval_count = BoundedIntegerField(
        _l("Approved posts a member needs before their posts appear at once"),
        description=_l(
            "A member's posts wait for a moderator's approval until this many of them have"
            " been approved. 0: no post waits."
        ),
        low=0,
        high=100,
        validators=[InputRequired(message=_l("Between 0 and 100."))],
        invalid_value_message=_l("Between 0 and 100."),
    )
    new_member_posts = BoundedIntegerField(
        _l("A member is new until they have published this many posts"),
        low=0,
        high=1000,
        validators=[InputRequired(message=_l("Between 0 and 1000."))],
        invalid_value_message=_l("Between 0 and 1000."),
    )
    link_limit = BoundedIntegerField(
        _l("Links a new member's post may hold before it waits for approval"),
        low=0,
        high=100,
        validators=[InputRequired(message=_l("Between 0 and 100."))],
        invalid_value_message=_l("Between 0 and 100."),
    )
    upload_limit_mb = BoundedIntegerField(
        _l("Largest upload, in MB"),
        low=1,
        high=500,
        validators=[InputRequired(message=_l("Between 1 and 500."))],
        invalid_value_message=_l("Between 1 and 500."),
    )
    registration_open = BooleanField(_l("Registration is open"))
