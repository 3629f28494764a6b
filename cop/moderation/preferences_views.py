"""A moderator's preferences page: the languages they read (the queue's "my languages")."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cop.extensions import db
from cop.moderation import bp, preferences, queries
from cop.moderation.forms import LanguagesForm
from cop.moderation.views import me
from cop.permissions import moderator_required


@bp.route("/settings", methods=["GET", "POST"])
@moderator_required
def my_settings():
    member = me()
    form = LanguagesForm()
    if request.method == "GET":
        form.languages.data = queries.moderator_languages(member)
    elif form.validate_on_submit():
        preferences.set_moderator_languages(member, form.languages.data or [])
        db.session.commit()
        flash(_("Your languages are saved."), "success")
        return redirect(url_for("moderation.queue", mine="1"))
    return render_template("moderation/settings.html", form=form), 422 if form.errors else 200
