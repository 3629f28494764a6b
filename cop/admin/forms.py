"""Admin forms: a member's role, the site settings. Messages are lazy: translated when shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import InputRequired

from cop.formfields import BoundedIntegerField, select_choices
from cop.moderation.forms import reason_field


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
    reason = reason_field(required=False)


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
