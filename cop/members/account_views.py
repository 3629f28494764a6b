"""The account's pages: the email address, my data (the export) and closing the account.

These are the member's alone (an admin cannot use them for someone else); each asks for
the password again where a mistake would be costly.
"""

from __future__ import annotations

import logging

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from cop import cachepolicy, mail
from cop.extensions import db, limiter
from cop.i18n import isolate
from cop.members import bp, closing, exports, services, tokens
from cop.members.accounts import find_member_by_email, normalize_email
from cop.members.forms import CloseAccountForm, EmailChangeForm, status_of
from cop.members.models import Member
from cop.members.passwords import verify_password

logger = logging.getLogger(__name__)


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config.get("RATELIMIT_EMAIL_CHANGE", "10 per hour"), methods=["POST"]
)
def change_email():
    member = current_user._get_current_object()
    form = EmailChangeForm()
    if form.validate_on_submit():
        new_email = normalize_email(form.new_email.data)
        if not verify_password(member.password_hash, form.password.data):
            form.password.errors.append(_("This is not your current password."))
        elif new_email == member.email:
            form.new_email.errors.append(_("This is already your email address."))
        else:
            _send_confirmation(member, new_email)
            flash(
                _("We sent a link to %(email)s. Open it to confirm the new address; until then "
                  "the old one stays.", email=isolate(new_email, html=False)),
                "success",
            )  # fmt: skip
            return redirect(url_for("members.change_email"))
    return render_template(
        "members/settings_email.html", form=form, member=member, section="email"
    ), status_of(form)


def _send_confirmation(member: Member, new_email: str) -> None:
    if find_member_by_email(new_email) is not None:
        # Same answer as for a free address: nobody learns who is a member.
        logger.info("member %s asked for an address another account uses", member.id)
        return
    link = url_for(
        "members.confirm_email", token=tokens.make_email_token(member, new_email), _external=True
    )
    mail.send_templated(new_email, member.locale, "confirm_email", member=member, link=link)
    if mail.writes_to_files():
        logger.warning("no SMTP server configured; email confirmation link: %s", link)


@bp.route("/settings/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    found = tokens.read_email_token(token)
    if found is None:
        flash(_("This link has expired or was used already."), "error")
        return redirect(url_for("members.change_email"))
    member, new_email = found
    if request.method == "GET":
        return render_template("members/confirm_email.html", new_email=new_email, token=token)
    old_email, was_signed_in = member.email, current_user.get_id() == member.get_id()
    try:
        services.change_email(member, new_email)
    except services.EmailTakenError:
        flash(_("Another account uses this address now. Choose another one."), "error")
        return redirect(url_for("members.change_email"))
    db.session.commit()
    mail.send_templated(
        old_email, member.locale, "email_changed", member=member, new_email=new_email
    )
    if was_signed_in:
        login_user(member)
    flash(
        _("Your email address is now %(email)s.", email=isolate(new_email, html=False)), "success"
    )
    return redirect(url_for("members.change_email") if was_signed_in else url_for("auth.sign_in"))


@bp.get("/settings/data")
@login_required
def my_data():
    return _my_data_page(CloseAccountForm())


def _my_data_page(close_form: CloseAccountForm, status: int = 200):
    member = current_user._get_current_object()
    job = exports.latest_export(member)
    return render_template(
        "members/settings_data.html",
        member=member,
        section="data",
        close_form=close_form,
        export=job,
        export_state=exports.shown_state(job),
        export_link=exports.download_url(job) if exports.shown_state(job) == "ready" else None,
        keep_days=exports.keep_for().days,
    ), status


@bp.route("/settings/data/export", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config.get("RATELIMIT_DATA_EXPORT", "20 per hour"), methods=["POST"]
)
def export_data():
    """POST asks for a new export, built in the background; GET (an old bookmark) goes
    to the page that shows its state."""
    if request.method == "POST":  # CSRF checked for every POST by cop.extensions.csrf
        _job, new = exports.request_export(current_user._get_current_object())
        db.session.commit()
        if new:
            flash(_("We are preparing your data. We will email you a link when the file is "
                    "ready, usually within a few minutes."), "success")  # fmt: skip
        else:
            flash(_("Your data is already being prepared. We will email you a link."), "info")
    return redirect(url_for("members.my_data"))


@bp.get("/settings/data/export/<token>")
@login_required
def download_export(token: str):
    """The ZIP, for its member alone, signed in, with the signed link; never cached."""
    found = exports.find_download(token, current_user._get_current_object())
    if found is None:
        return _link_refused()
    job, path = found
    name = f"cop-my-data-{current_user.id}-{job.finished_at:%Y%m%d}.zip"
    try:
        response = send_file(
            path,
            mimetype="application/zip",
            as_attachment=True,
            download_name=name,
            etag=False,
            max_age=None,
        )
    except FileNotFoundError:  # pruned a moment ago
        return _link_refused()
    return cachepolicy.personal(response)  # one policy: private, no-store


def _link_refused():
    flash(_("This download link has expired or is not yours. Ask for a new file below."), "error")
    return redirect(url_for("members.my_data"))


@bp.post("/settings/close")
@login_required
def close_account():
    member = current_user._get_current_object()
    form = CloseAccountForm()
    if form.validate_on_submit():
        if verify_password(member.password_hash, form.password.data):
            # Signed out and unable to sign in at once; the job removes the rest.
            closing.request_close(member, delete_posts=form.delete_posts.data)
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Your account is closed. Thank you for taking part. Removing what you "
                    "asked us to remove may take a few minutes."), "success")  # fmt: skip
            return redirect(url_for("main.home"))
        form.password.errors.append(_("This is not your current password."))
    return _my_data_page(form, 422)
