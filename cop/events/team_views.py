"""An event's team and materials page: co-organisers and linked library resources.

Organisers of the event and admins (permissions.can_manage_team) add a co-organiser
by handle, remove one (never the last), link a library resource by its address or
number, unlink one. A form with an error re-renders the page (422), keeping what was
typed; each change is audited through the signals of cop/events/team.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.events import bp, team
from cop.events.forms import AddOrganiserForm, LinkResourceForm
from cop.events.models import Event
from cop.events.permissions import can_manage_team, can_see_event
from cop.events.views import visible_event
from cop.extensions import db
from cop.i18n import isolate
from cop.members.models import Member
from cop.resources.models import Resource


def _managed(event_id: int) -> Event:
    event = visible_event(event_id)
    if not can_manage_team(current_user, event):
        abort(403)
    return event


def _page(event: Event, *, organiser_form=None, resource_form=None, status: int = 200):
    html = render_template(
        "events/team.html",
        event=event,
        organiser_form=organiser_form or AddOrganiserForm(formdata=None),
        resource_form=resource_form or LinkResourceForm(formdata=None),
        me=current_user.id,
    )
    return html, status


def _back(event: Event):
    return redirect(url_for("events.team_page", event_id=event.id))


def _actor() -> Member:
    return current_user._get_current_object()


@bp.get("/<int:event_id>/team")
@login_required
def team_page(event_id: int):
    return _page(_managed(event_id))


@bp.post("/<int:event_id>/team/organisers")
@login_required
def add_organiser(event_id: int):
    event = _managed(event_id)
    form = AddOrganiserForm()
    if form.validate_on_submit():
        member = team.find_active_member(form.handle.data)
        if member is None:
            form.handle.errors.append(_("No active member has this handle."))
        else:
            added = team.add_co_organiser(event, member, actor=_actor())
            db.session.commit()
            name = isolate(member.display_name, html=False)
            if added:
                flash(_("%(name)s is now an organiser of this event.", name=name), "success")
            else:
                flash(_("%(name)s is already an organiser of this event.", name=name))
            return _back(event)
    return _page(event, organiser_form=form, status=422)


@bp.post("/<int:event_id>/team/organisers/<int:member_id>/remove")
@login_required
def remove_organiser(event_id: int, member_id: int):
    event = _managed(event_id)
    member = db.get_or_404(Member, member_id)
    try:
        removed = team.remove_co_organiser(event, member, actor=_actor())
    except team.LastOrganiser:
        db.session.rollback()
        flash(_("An event needs at least one organiser: add another one first."), "error")
        return _back(event)
    db.session.commit()
    if removed:
        name = isolate(member.display_name, html=False)
        flash(_("%(name)s is no longer an organiser of this event.", name=name), "success")
    if not can_manage_team(current_user, event):  # they removed themselves
        if can_see_event(current_user, event):
            return redirect(url_for("events.show", event_id=event.id))
        return redirect(url_for("events.index"))
    return _back(event)


@bp.post("/<int:event_id>/team/materials")
@login_required
def link_resource(event_id: int):
    event = _managed(event_id)
    form = LinkResourceForm()
    if form.validate_on_submit():
        resource = team.linkable_resource(form.reference.data, current_user)
        if resource is None:
            form.reference.errors.append(
                _("No resource of the library has this address or number.")
            )
        else:
            added = team.link_material(event, resource, actor=_actor())
            db.session.commit()
            title = isolate(resource.title, html=False)
            if added:
                flash(_("%(title)s is linked to this event.", title=title), "success")
            else:
                flash(_("%(title)s was linked to this event already.", title=title))
            return _back(event)
    return _page(event, resource_form=form, status=422)


@bp.post("/<int:event_id>/team/materials/<int:resource_id>/unlink")
@login_required
def unlink_resource(event_id: int, resource_id: int):
    event = _managed(event_id)
    resource = db.get_or_404(Resource, resource_id)
    if team.unlink_material(event, resource, actor=_actor()):
        db.session.commit()
        flash(
            _(
                "%(title)s is no longer linked to this event.",
                title=isolate(resource.title, html=False),
            ),
            "success",
        )
    return _back(event)
