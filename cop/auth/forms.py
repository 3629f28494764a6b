"""Account forms. Messages are lazy: they are translated when shown, not at import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from cop.formfields import language_choices, select_choices, strip_whitespace
from cop.i18n import country_choices
from cop.members.passwords import MAX_LENGTH, MIN_LENGTH, is_common


def _not_common(form, field) -> None:
    if field.data and is_common(field.data):
        raise ValidationError(
            _l("This password is among the most common ones. Try a longer phrase.")
        )


def _password_validators() -> list:
    return [
        DataRequired(message=_l("Choose a password.")),
        Length(
            min=MIN_LENGTH,
            max=MAX_LENGTH,
            message=_l(
                "Use between %(min)d and %(max)d characters.", min=MIN_LENGTH, max=MAX_LENGTH
            ),
        ),
        _not_common,
    ]


def _email_field() -> EmailField:
    return EmailField(
        _l("Email address"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter your email address.")),
            Length(max=254, message=_l("This email address is too long.")),
            Email(message=_l("Enter a valid email address, like name@example.org.")),
        ],
        render_kw={"autocomplete": "email"},
    )


class RegisterForm(FlaskForm):
    display_name = StringField(
        _l("Display name"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter the name other members will see.")),
            Length(max=80, message=_l("Use at most %(max)d characters.", max=80)),
        ],
        render_kw={"autocomplete": "name"},
    )
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=_password_validators(),
        description=_l("At least 8 characters. A phrase of a few words is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )
    country = SelectField(
        _l("Country"),
        validators=[DataRequired(message=_l("Choose your country."))],
        invalid_choice_message=_l("Choose a country from the list."),
    )
    locale = SelectField(
        _l("Preferred language"),
        choices=language_choices(),
        invalid_choice_message=_l("Choose a language from the list."),
    )
    accept_conduct = BooleanField(
        _l("I have read the code of conduct and accept it"),
        validators=[DataRequired(message=_l("To join, accept the code of conduct."))],
    )
    accept_privacy = BooleanField(
        _l("I have read the privacy notice and accept it"),
        validators=[DataRequired(message=_l("To join, accept the privacy notice."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = select_choices([("", _l("Choose…")), *country_choices()])


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=_password_validators(),
        render_kw={"autocomplete": "new-password"},
    )


class ForgotPasswordForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=_password_validators(),
        render_kw={"autocomplete": "new-password"},
    )
