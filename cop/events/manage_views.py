"""Organisers' pages: create, edit, publish, cancel; registrations, CSV, attendance."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.bounds import parse_id
from cop.confirmation import is_confirmed
from cop.events import bp, queries, registration, services
from cop.events.csvexport import registrations_csv
from cop.events.forms import EventForm, PublishForm
from cop.events.models import Event, EventFormat, Programme
from cop.events.permissions import can_create_event, can_edit_event, can_manage_registrations
from cop.events.times import to_local
from cop.events.views import visible_event
from cop.extensions import db
from cop.i18n import interface_language, isolate, member_timezone
from cop.threads.models import Category
from cop.versions import StaleEdit, reload_after_stale


def _fields_from(form: EventForm) -> services.EventFields:
    starts, ends, deadline = form.times()
    programme_id = parse_id(form.programme.data)
    online = form.format.data != EventFormat.IN_PERSON.value
    return services.EventFields(
        title=form.title.data,
        language=form.language.data,
        description=form.description.data or "",
        format=EventFormat(form.format.data),
        starts_at=starts,
        ends_at=ends,
        timezone=form.timezone.data,
        country=form.country.data or None,
        city=form.city.data or "",
        venue=form.venue.data or "",
        address=form.address.data or "",
        online_url=(form.online_url.data or None) if online else None,
        delivery_languages=list(form.delivery_languages.data or []),
        capacity=form.capacity.data,
        registration_deadline=deadline,
        programme=db.session.get(Programme, programme_id) if programme_id else None,
        question_1=form.question_1.data or None,
        question_2=form.question_2.data or None,
    )


def _may_create_here(form: EventForm, event: Event | None = None) -> bool:
    """The country needs an organiser role for it, unless an edit keeps the event's own."""
    country = form.country.data or None
    if event is not None and country == event.country:
        return True
    if can_create_event(current_user, country):
        return True
    form.country.errors.append(_("You may not create events for this country."))
    return False


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not can_create_event(current_user):
        abort(403)
    form = EventForm(programmes=queries.programmes())
    if request.method == "GET":
        form.language.data = interface_language()
        form.timezone.data = member_timezone(current_user)
        form.country.data = current_user.country
        form.format.data = EventFormat.IN_PERSON.value
    if form.validate_on_submit() and _may_create_here(form):
        event = services.create_event(
            actor=current_user._get_current_object(), fields=_fields_from(form)
        )
        db.session.commit()
        flash(_("The event is saved as a draft. Publish it when it is ready."), "success")
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/form.html", form=form, event=None), (422 if form.errors else 200)


def _fill(form: EventForm, event: Event) -> None:
    starts, ends = (
        to_local(event.starts_at, event.timezone),
        to_local(event.ends_at, event.timezone),
    )
    form.start_date.data, form.start_time.data = starts.date(), starts.time()
    form.end_date.data, form.end_time.data = ends.date(), ends.time()
    if event.registration_deadline:
        deadline = to_local(event.registration_deadline, event.timezone)
        form.deadline_date.data, form.deadline_time.data = deadline.date(), deadline.time()
    form.format.data = event.format.value
    form.country.data = event.country or ""
    form.programme.data = str(event.programme_id or "")


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = visible_event(event_id)
    if not can_edit_event(current_user, event):
        abort(403)
    form = EventForm(
        obj=event if request.method == "GET" else None, programmes=queries.programmes()
    )
    if request.method == "GET":
        _fill(form, event)
    conflict = False
    if form.validate_on_submit() and _may_create_here(form, event):
        try:
            services.update_event(
                event,
                actor=current_user._get_current_object(),
                fields=_fields_from(form),
                version=form.version.data,
            )
            db.session.commit()
        except StaleEdit:
            conflict = reload_after_stale(form, event)
        else:
            flash(_("The changes are saved."), "success")
            return redirect(url_for("events.show", event_id=event.id))
    status = 409 if conflict else 422 if form.errors else 200
    return render_template("events/form.html", form=form, event=event, conflict=conflict), status


@bp.post("/<int:event_id>/publish")
@login_required
def publish(event_id: int):
    event = visible_event(event_id)
    if not can_edit_event(current_user, event):
        abort(403)
    form = PublishForm()
    tables = {str(c.id): c for c in queries.discussion_tables()}
    form.category.choices = list(tables)
    category: Category | None = tables.get(form.category.data or "")
    if not form.validate_on_submit() or category is None:
        flash(_("Choose the table where the event's discussion opens."), "error")
        return redirect(url_for("events.show", event_id=event.id))
    if services.publish_event(event, actor=current_user._get_current_object(), category=category):
        db.session.commit()
        flash(
            _("The event %(title)s is published.", title=isolate(event.title, html=False)),
            "success",
        )
    return redirect(url_for("events.show", event_id=event.id))


@bp.route("/<int:event_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(event_id: int):
    event = visible_event(event_id)
    if not can_edit_event(current_user, event):
        abort(403)
    if not is_confirmed():
        return render_template("events/cancel.html", event=event)
    services.cancel_event(event, actor=current_user._get_current_object())
    db.session.commit()
    flash(_("The event is cancelled. Registered members will be told."), "success")
    return redirect(url_for("events.show", event_id=event.id))


@bp.get("/<int:event_id>/registrations")
@login_required
def registrations(event_id: int):
    event = visible_event(event_id)
    if not can_manage_registrations(current_user, event):
        abort(403)
    rows = queries.registrations(event)
    return render_template(
        "events/registrations.html",
        event=event,
        rows=rows,
        counts=registration.counts(event),
        can_mark=event.starts_at <= registration.utcnow(),
    )


@bp.get("/<int:event_id>/registrations.csv")
@login_required
def export(event_id: int):
    event = visible_event(event_id)
    if not can_manage_registrations(current_user, event):
        abort(403)
    body = registrations_csv(event, queries.registrations(event))
    response = Response(body, mimetype="text/csv", headers={"Cache-Control": "private, no-store"})
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="event-{event.id}-registrations.csv"'
    )
    return response


@bp.post("/<int:event_id>/attendance")
@login_required
def attendance(event_id: int):
    event = visible_event(event_id)
    if not can_manage_registrations(current_user, event):
        abort(403)
    if event.starts_at > registration.utcnow():
        flash(_("Attendance can be marked once the event has started."), "error")
        return redirect(url_for("events.registrations", event_id=event.id))
    choices = {"yes": True, "no": False, "": None}
    marked = {}
    for key, value in request.form.items():
        registration_id = (
            parse_id(key.removeprefix("attended-")) if key.startswith("attended-") else None
        )
        if registration_id is not None and value in choices:
            marked[registration_id] = choices[value]
    registration.mark_attendance(event, actor=current_user._get_current_object(), attended=marked)
    db.session.commit()
    flash(_("Attendance is saved."), "success")
    return redirect(url_for("events.registrations", event_id=event.id))
