"""Admins grant and revoke the right to create events for a country."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from cop.events import bp, services
from cop.events.forms import OrganiserRoleForm
from cop.events.models import OrganiserRole
from cop.extensions import db
from cop.i18n import isolate
from cop.members.models import Member
from cop.permissions import admin_required


def _roles() -> list[OrganiserRole]:
    statement = select(OrganiserRole).join(OrganiserRole.member)
    return list(db.session.scalars(statement.order_by(OrganiserRole.country, Member.display_name)))


@bp.route("/organisers", methods=["GET", "POST"])
@admin_required
def organisers():
    form = OrganiserRoleForm()
    if form.validate_on_submit():
        handle = form.handle.data.removeprefix("@").lower()
        member = db.session.scalar(select(Member).where(Member.handle == handle))
        if member is None:
            form.handle.errors.append(_("No member has this handle."))
        else:
            services.grant_organiser_role(
                member, country=form.country.data, actor=current_user._get_current_object()
            )
            db.session.commit()
            flash(
                _(
                    "%(name)s may now create events for this country.",
                    name=isolate(member.display_name, html=False),
                ),
                "success",
            )
            return redirect(url_for("events.organisers"))
    status = 422 if form.errors else 200
    return render_template("events/organisers.html", form=form, roles=_roles()), status


@bp.post("/organisers/<int:member_id>/revoke")
@admin_required
def revoke_organiser(member_id: int):
    member = db.get_or_404(Member, member_id)
    country = (request.form.get("country") or "").upper()[:2]
    if services.revoke_organiser_role(
        member, country=country, actor=current_user._get_current_object()
    ):
        db.session.commit()
        flash(_("The organiser role is revoked."), "success")
    return redirect(url_for("events.organisers"))
