"""Admin pages: the dashboard, members' roles, site settings, tables' order and archive."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cop import signals
from cop.admin import bp, queries, services
from cop.admin.forms import RoleForm, SettingsForm
from cop.extensions import db
from cop.i18n import isolate
from cop.members.models import Member, Role
from cop.permissions import admin_required
from cop.sitesettings import site_settings
from cop.threads import queries as thread_queries
from cop.threads.models import Category


def _me() -> Member:
    return current_user._get_current_object()


@bp.get("/")
@admin_required
def dashboard():
    return render_template(
        "admin/dashboard.html",
        counts=queries.dashboard_counts(),
        categories=thread_queries.list_categories(),
    )


@bp.get("/members")
@admin_required
def members():
    text = (request.args.get("q") or "").strip()[:100]
    return render_template(
        "admin/members.html", found=queries.find_members(text), q=text, form=RoleForm(formdata=None)
    )


@bp.post("/members/<int:member_id>/role")
@admin_required
def set_role(member_id: int):
    member = db.get_or_404(Member, member_id)
    form = RoleForm()
    if not form.validate():
        flash(_("Choose one of the roles."), "error")
    elif member.id == current_user.id:
        flash(_("You cannot change your own role; ask another administrator."), "error")
    elif services.change_role(
        member, admin=_me(), role=Role(form.role.data), reason=form.reason.data or ""
    ):
        db.session.commit()
        flash(
            _("%(name)s's role is changed.", name=isolate(member.display_name, html=False)),
            "success",
        )
    return redirect(url_for("admin.members", q=request.args.get("q") or member.handle))


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
def settings():
    form = SettingsForm(data=None if request.method == "POST" else site_settings())
    if form.validate_on_submit():
        services.update_settings({name: form[name].data for name in site_settings()}, admin=_me())
        db.session.commit()
        flash(_("The settings are saved."), "success")
        return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form), 422 if form.errors else 200


@bp.post("/tables/<int:category_id>/<any(archive, unarchive, up, down):verb>")
@admin_required
def table(category_id: int, verb: str):
    category = db.get_or_404(Category, category_id)
    # Each changed table moves to a new version, so an edit form opened before this
    # press is refused as stale instead of putting the old state back (cop.versions).
    if verb in ("archive", "unarchive"):
        category.is_archived = verb == "archive"
        category.version = Category.version + 1
    else:
        tables = thread_queries.list_categories()
        index = next(i for i, c in enumerate(tables) if c.id == category.id)
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(tables):
            tables[index], tables[other] = tables[other], tables[index]
        for position, each in enumerate(tables, start=1):
            if each.position != position:
                each.position = position
                each.version = Category.version + 1
    db.session.flush()
    signals.category_changed.send(category, actor=_me(), change=verb)
    db.session.commit()
    flash(_("The discussion tables are updated."), "success")
    return redirect(url_for("admin.dashboard"))
