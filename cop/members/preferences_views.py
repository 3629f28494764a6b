"""The preferences page: interface language, regional format, time zone."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.extensions import db
from cop.i18n import SESSION_KEY, formatting_locale
from cop.members import bp, services
from cop.members.forms import PreferencesForm, status_of
from cop.models import utcnow


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
    ), status_of(form)


def _common_timezones() -> list[str]:
    from cop.i18n import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
