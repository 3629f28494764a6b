"""Settings pages: profile, avatar, preferences, email, my data, closing the account.

Profile and avatar may be changed by the member and by admins (for moderation);
preferences, email, the data export and closing the account by the member alone.
"""

from __future__ import annotations

import logging

from flask import (
    abort,
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
from sqlalchemy import select

from cop import cachepolicy, mail, permissions
from cop.confirmation import is_confirmed
from cop.extensions import db, limiter
from cop.i18n import SESSION_KEY, formatting_locale, isolate
from cop.members import avatars, bp, choices, closing, exports, services, tokens
from cop.members.accounts import find_member_by_email, normalize_email
from cop.members.forms import (
    AvatarForm,
    CloseAccountForm,
    EmailChangeForm,
    PreferencesForm,
    ProfileForm,
)
from cop.members.models import Member, OrganisationKind, Profession, Visibility
from cop.members.passwords import verify_password
from cop.models import utcnow
from cop.versions import StaleEdit, reload_after_stale

logger = logging.getLogger(__name__)


def _editable(handle: str | None) -> Member:
    """The member whose profile is being edited: oneself, or anyone for an admin.
    A suspended member reads the forms but cannot send them (cop.permissions.can_write)."""
    if handle is None:
        member = current_user._get_current_object()
    else:
        member = db.session.scalar(
            select(Member).where(Member.handle == handle, Member.closed_at.is_(None))
        )
    if member is None:
        abort(404)
    if not permissions.can_edit_profile(current_user, member, writing=request.method == "POST"):
        abort(403)
    return member


def _status(form) -> int:
    return 422 if form.errors else 200


def _avatar_errors() -> dict[str, str]:
    return {
        "not_image": _("This file is not a PNG, JPEG or WEBP picture."),
        "too_large": _("This picture is larger than 5 MB. Choose a smaller one."),
        "too_many_pixels": _("This picture has too many pixels. Choose one under 25 megapixels."),
    }


@bp.get("/settings")
@login_required
def settings():
    return redirect(url_for("members.edit_profile"))


@bp.route("/settings/profile", methods=["GET", "POST"], defaults={"handle": None})
@bp.route("/<handle>/settings/profile", methods=["GET", "POST"])
@login_required
def edit_profile(handle: str | None):
    member = _editable(handle)
    form = ProfileForm(obj=None if request.method == "POST" else member)
    if request.method == "GET":
        _fill_profile_form(form, member)
    conflict = False
    if form.validate_on_submit():
        try:
            services.update_profile(member, _profile_changes(form), version=form.version.data)
            db.session.commit()
        except StaleEdit:
            conflict = reload_after_stale(form, member)
        else:
            flash(_("Your profile is saved.") if member.id == current_user.id
                  else _("The profile is saved."), "success")  # fmt: skip
            return redirect(url_for("members.profile", handle=member.handle))
    return render_template(
        "members/settings_profile.html",
        form=form,
        member=member,
        section="profile",
        conflict=conflict,
        suggestions=[str(label) for label in choices.EXPERTISE_SUGGESTIONS.values()],
    ), 409 if conflict else _status(form)


def _fill_profile_form(form: ProfileForm, member: Member) -> None:
    form.organisation_kind.data = member.organisation_kind.value if member.organisation_kind else ""
    form.profession.data = member.profession.value if member.profession else ""
    form.languages.data = [x.code for x in member.languages]
    form.expertise.data = ", ".join(choices.expertise_label(x.tag) for x in member.expertise)
    links = [*(member.links or []), "", "", ""]
    form.link1.data, form.link2.data, form.link3.data = links[:3]
    form.visibility.data = member.visibility.value


def _profile_changes(form: ProfileForm) -> services.ProfileChanges:
    return services.ProfileChanges(
        display_name=form.display_name.data,
        organisation=form.organisation.data,
        organisation_kind=OrganisationKind(form.organisation_kind.data)
        if form.organisation_kind.data
        else None,
        profession=Profession(form.profession.data) if form.profession.data else None,
        country=form.country.data,
        city=form.city.data,
        languages=form.languages.data or [],
        expertise=form.expertise_tags(),
        bio=form.bio.data or "",
        links=[form.link1.data, form.link2.data, form.link3.data],
        visibility=Visibility(form.visibility.data),
    )


@bp.route("/settings/avatar", methods=["GET", "POST"], defaults={"handle": None})
@bp.route("/<handle>/settings/avatar", methods=["GET", "POST"])
@login_required
def edit_avatar(handle: str | None):
    member = _editable(handle)
    form = AvatarForm()
    if form.validate_on_submit():
        try:
            services.set_avatar(member, form.image.data.read(avatars.MAX_BYTES + 1))
        except avatars.AvatarError as error:
            form.image.errors.append(_avatar_errors()[error.reason])
        else:
            db.session.commit()
            flash(_("The new picture is saved."), "success")
            return redirect(_avatar_page(member))
    return render_template(
        "members/settings_avatar.html", form=form, member=member, section="avatar"
    ), _status(form)


def _avatar_page(member: Member) -> str:
    if member.id == current_user.id:
        return url_for("members.edit_avatar")
    return url_for("members.edit_avatar", handle=member.handle)


@bp.route("/settings/avatar/remove", methods=["GET", "POST"], defaults={"handle": None})
@bp.route("/<handle>/settings/avatar/remove", methods=["GET", "POST"])
@login_required
def remove_avatar(handle: str | None):
    member = _editable(handle)
    if not is_confirmed():  # no JavaScript dialog asked: this page asks
        editing_self = member.id == current_user.id
        return render_template(
            "members/remove_avatar.html", member=member, editing_self=editing_self
        )
    services.remove_avatar(member)
    db.session.commit()
    flash(_("The picture is removed; your initials are shown instead."), "success")
    return redirect(_avatar_page(member))


@bp.route("/settings/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    member = current_user._get_current_object()
    form = PreferencesForm()
    if request.method == "GET":
        form.locale.data = member.locale
        form.format_locale.data = (
            formatting_locale(member.locale, member.format_locale) if member.format_locale else ""
        )
        form.timezone.data = member.timezone or ""
    if form.validate_on_submit():
        services.set_preferences(
            member,
            locale=form.locale.data,
            format_locale=form.format_locale.data,
            timezone=form.timezone.data,
        )
        db.session.commit()
        session[SESSION_KEY] = member.locale
        flash(_("Your preferences are saved."), "success")
        return redirect(url_for("members.preferences"))
    return render_template(
        "members/settings_preferences.html",
        form=form,
        member=member,
        section="preferences",
        now=utcnow(),
        timezones=_common_timezones(),
    ), _status(form)


def _common_timezones() -> list[str]:
    from cop.i18n import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


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
    ), _status(form)


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
