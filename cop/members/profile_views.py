"""Preferences pages of a profile: the profile form and the picture.

Both may be changed by the member and by admins (for moderation); the account pages
(email, my data, closing) are in account_views.py, language and time in
preferences_views.py, all on the members blueprint under /members/settings/.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cop import permissions
from cop.confirmation import is_confirmed
from cop.extensions import db
from cop.i18n import interface_language
from cop.languagecheck import written_as_chosen
from cop.members import avatars, bp, choices, services
from cop.members.forms import AvatarForm, ProfileForm, status_of
from cop.members.models import Member, OrganisationKind, Profession, Visibility
from cop.versions import StaleEdit, reload_after_stale


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
    elif not form.bio_language.data:  # a page from before the bio had a language
        form.bio_language.data = interface_language()
    conflict = False
    if form.validate_on_submit() and written_as_chosen(form, form.bio_language, form.bio.data):
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
    ), 409 if conflict else status_of(form)


def _fill_profile_form(form: ProfileForm, member: Member) -> None:
    form.organisation_kind.data = member.organisation_kind.value if member.organisation_kind else ""
    form.profession.data = member.profession.value if member.profession else ""
    form.languages.data = [x.code for x in member.languages]
    form.bio_language.data = member.bio_language or interface_language()
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
        bio_language=form.bio_language.data,
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
    ), status_of(form)


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
