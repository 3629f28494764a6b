"""Going and not going, from the event page (plain forms: no JavaScript needed)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.events import bp, registration
from cop.events.forms import RegisterForm
from cop.events.models import RegistrationStatus
from cop.events.permissions import can_register
from cop.events.views import visible_event
from cop.extensions import db


@bp.post("/<int:event_id>/register")
@login_required
def register(event_id: int):
    event = visible_event(event_id)
    if not can_register(current_user):
        abort(403)
    form = RegisterForm()
    if not form.validate_on_submit():
        flash(_("Your answers are too long: keep each under 1,000 characters."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    try:
        row = registration.register(
            event,
            current_user._get_current_object(),
            answer_1=(form.answer_1.data or None) if event.question_1 else None,
            answer_2=(form.answer_2.data or None) if event.question_2 else None,
        )
    except registration.RegistrationClosed:
        flash(_("Registration for this event is closed."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    db.session.commit()
    if row.status == RegistrationStatus.GOING:
        flash(_("You are registered. See you there!"), "success")
    else:
        flash(_("The event is full: you are on the waiting list."), "success")
    return redirect(url_for("events.show", event_id=event.id))


@bp.post("/<int:event_id>/unregister")
@login_required
def unregister(event_id: int):
    event = visible_event(event_id)
    if not can_register(current_user):
        abort(403)
    if registration.unregister(event, current_user._get_current_object()):
        db.session.commit()
        flash(_("You are no longer registered for this event."), "success")
    return redirect(url_for("events.show", event_id=event.id))
