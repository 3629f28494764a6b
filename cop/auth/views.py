"""Register, sign in and out, change and reset passwords."""

from __future__ import annotations

import logging

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from cop import mail, permissions
from cop.auth import bp, confirm_views, services, tokens
from cop.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    RegisterForm,
    ResetPasswordForm,
    SignInForm,
)
from cop.errors import render_error
from cop.extensions import db, limiter
from cop.i18n import SESSION_KEY, SUPPORTED_LOCALES, isolate
from cop.members.accounts import end_all_sessions, find_member_by_email
from cop.members.models import Member
from cop.members.passwords import verify_password
from cop.navigation import safe_next_url

logger = logging.getLogger(__name__)


def _limit(config_key: str):
    return limiter.limit(lambda: current_app.config[config_key], methods=["POST"])


def registration_open() -> bool:
    """The site setting kept by cop.moderation (open when that feature is absent)."""
    try:
        from cop.sitesettings import setting
    except ImportError:
        return True
    return bool(setting("registration_open"))


def _start_session(member, remember: bool) -> None:
    # A fresh session at sign-in: nothing from before (fixation) carries over
    # except the visitor's language choice.
    chosen_locale = session.get(SESSION_KEY)
    session.clear()
    if chosen_locale:
        session[SESSION_KEY] = chosen_locale
    login_user(member, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    if not registration_open():
        return render_error(
            403, _("Registration is closed for now. Ask a member of the community to invite you.")
        )
    form = RegisterForm()
    if request.method == "GET":
        form.locale.data = session.get(SESSION_KEY) or request.accept_languages.best_match(
            SUPPORTED_LOCALES, default="en"
        )
    if form.validate_on_submit():
        member = _register_once(form)
        if member is None:
            form.email.errors.append(
                _(
                    "An account with this email address exists already. Sign in, or reset its password."
                )
            )
        else:
            _start_session(member, remember=False)
            welcome = _(
                "Welcome to the community, %(name)s!", name=isolate(member.display_name, html=False)
            )
            if not member.is_email_confirmed:
                confirm_views.send_confirmation(member)
                welcome += " " + _(
                    "We sent a link to %(email)s: open it to confirm your address, then you can write.",
                    email=isolate(member.email, html=False),
                )
            flash(welcome, "success")
            return redirect(url_for("main.home"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


def _register_once(form: RegisterForm) -> Member | None:
    """The new member, committed; None if the email address has an account already.

    Two requests at once may both pass the checks and collide on a unique column: the
    same form sent twice (same email and password) then finds the account the first
    made, and a handle taken meanwhile by a namesake is chosen again.
    """
    for attempt in range(3):
        try:
            member = services.register_member(
                display_name=form.display_name.data,
                email=form.email.data,
                password=form.password.data,
                country=form.country.data,
                locale=form.locale.data,
                accepted_policies=True,  # both boxes are required by the form
            )
            db.session.commit()
            return member
        except services.EmailTakenError:
            return None
        except IntegrityError:
            db.session.rollback()
            earlier = services.authenticate(form.email.data, form.password.data)
            if earlier is not None:
                return earlier
            if attempt == 2:
                raise
    return None


@bp.route("/sign-in", methods=["GET", "POST"])
@_limit("RATELIMIT_SIGN_IN")
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        member = services.authenticate(form.email.data, form.password.data)
        if member is not None and permissions.is_banned(member):
            form.form_errors.append(
                _("This account is banned from the community: it can no longer sign in.")
            )
        elif member is not None:
            _start_session(member, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")) or url_for("main.home"))
        # The same words whether the email is unknown or the password wrong.
        form.form_errors.append(_("That email address and password do not match."))
    return render_template(
        "auth/sign_in.html", form=form
    ), 422 if form.errors or form.form_errors else 200


@bp.post("/sign-out")
@login_required
def sign_out():
    end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    session.pop("_fresh", None)
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if verify_password(current_user.password_hash, form.current_password.data):
            member = current_user._get_current_object()
            services.set_password(member, form.new_password.data)
            db.session.commit()
            # Other devices are out; this one starts a new session with the new token.
            _start_session(member, remember=False)
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("main.home"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("auth/change_password.html", form=form), 422 if form.errors else 200


@bp.route("/forgot", methods=["GET", "POST"])
@_limit("RATELIMIT_PASSWORD_RESET")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        member = find_member_by_email(form.email.data)
        if member is not None and member.closed_at is None:
            _send_reset_email(member)
        # Whether or not the address is known: nobody learns who is a member.
        flash(
            _("If an account uses that address, we have sent it a link to choose a new password."),
            "success",
        )
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/forgot_password.html", form=form), 422 if form.errors else 200


def _send_reset_email(member) -> None:
    link = url_for("auth.reset_password", token=tokens.make_reset_token(member), _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    mail.send_templated(
        member.email, member.locale, "reset_password", member=member, link=link, minutes=minutes
    )
    if mail.writes_to_files():
        logger.warning("no SMTP server configured; password reset link: %s", link)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@_limit("RATELIMIT_PASSWORD_RESET")
def reset_password(token: str):
    member = tokens.member_for_reset_token(token)
    if member is None:
        flash(_("This link has expired or was used already. Ask for a new one."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.set_password(member, form.password.data)
        db.session.commit()
        _start_session(member, remember=False)
        flash(_("Your new password is set. You are signed in."), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/reset_password.html", form=form), 422 if form.errors else 200
