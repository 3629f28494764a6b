"""Programmes: their list, and the forms that create and edit them.

Admins and members with an organiser role create programmes; a programme is edited by
the admins and by the member who created it while they keep an organiser role
(cop/events/permissions.py). The programme's own page is in cop/events/views.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from cop.events import bp, queries, services
from cop.events.forms import ProgrammeForm
from cop.events.models import Event, EventState, Programme
from cop.events.permissions import can_create_programme, can_edit_programme
from cop.extensions import db
from cop.i18n import interface_language, isolate
from cop.versions import StaleEdit, reload_after_stale


def _event_counts() -> dict[int, int]:
    """Published events per programme, in one query."""
    statement = (
        select(Event.programme_id, func.count())
        .where(
            Event.programme_id.is_not(None),
            Event.state == EventState.PUBLISHED,
            Event.is_hidden.is_(False),
        )
        .group_by(Event.programme_id)
    )
    return {row[0]: row[1] for row in db.session.execute(statement)}


@bp.get("/programmes")
def programmes():
    return render_template(
        "events/programmes.html",
        programmes=queries.programmes(),
        event_counts=_event_counts(),
        can_create=can_create_programme(current_user),
    )


def _fields(form: ProgrammeForm) -> services.ProgrammeFields:
    return services.ProgrammeFields(
        slug=form.slug.data,
        title=form.title.data,
        description=form.description.data or "",
        language=form.language.data,
    )


def _save(form: ProgrammeForm, programme: Programme | None) -> Programme:
    actor = current_user._get_current_object()
    if programme is None:
        fields = _fields(form)
        return services.create_programme(
            actor=actor,
            slug=fields.slug,
            title=fields.title,
            description=fields.description,
            language=fields.language,
        )
    services.update_programme(
        programme, actor=actor, fields=_fields(form), version=form.version.data
    )
    return programme


def _slug_taken_error(form: ProgrammeForm) -> None:
    form.slug.errors.append(_("Another programme uses this address name."))


@bp.route("/programmes/new", methods=["GET", "POST"], endpoint="new_programme")
@bp.route("/programmes/<slug>/edit", methods=["GET", "POST"], endpoint="edit_programme")
@login_required
def edit_programme(slug: str | None = None):
    programme = None
    if slug is not None:
        programme = db.session.scalar(select(Programme).where(Programme.slug == slug[:80]))
        if programme is None:
            abort(404)
        if not can_edit_programme(current_user, programme):
            abort(403)
    elif not can_create_programme(current_user):
        abort(403)
    form = ProgrammeForm(obj=programme if request.method == "GET" else None)
    if request.method == "GET" and programme is None:
        form.language.data = interface_language()
    conflict = False
    if form.validate_on_submit():
        if services.slug_taken(form.slug.data, besides=programme):
            _slug_taken_error(form)
        else:
            try:
                saved = _save(form, programme)
                db.session.commit()
            except StaleEdit:
                conflict = reload_after_stale(form, programme)
            except IntegrityError:  # the address name was taken meanwhile
                db.session.rollback()
                _slug_taken_error(form)
            else:
                flash(
                    _(
                        "The programme %(title)s is saved.",
                        title=isolate(saved.title, html=False),
                    ),
                    "success",
                )
                return redirect(url_for("events.programme", slug=saved.slug))
    status = 409 if conflict else 422 if form.errors else 200
    html = render_template(
        "events/programme_form.html", form=form, programme=programme, conflict=conflict
    )
    return html, status
