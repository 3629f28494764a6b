"""Watching a country or a programme for new events: plain forms (POST and CSRF) on the
events page filtered by a country and on the programme page; the member's email
preferences list the watches and stop them with the same routes."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.events import bp, watches
from cop.events.models import Programme
from cop.extensions import db
from cop.i18n import country_choices, country_name, isolate
from cop.navigation import safe_next_url

ACTIONS = ("watch", "unwatch")


def _action() -> str:
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    return action


def _back(default: str):
    return redirect(safe_next_url(request.form.get("next")) or default)


@bp.post("/countries/<country>/watch")
@login_required
def watch_country(country: str):
    code = country.upper()
    if code not in dict(country_choices()):
        abort(404)
    member = current_user._get_current_object()
    if _action() == "watch":
        watches.watch_country(member, code)
        message = _("You will hear of new events in %(country)s.", country=country_name(code))
    else:
        watches.unwatch_country(member, code)
        message = _("You no longer hear of new events in %(country)s.", country=country_name(code))
    db.session.commit()
    flash(message, "success")
    return _back(url_for("events.index", country=code))


@bp.post("/programmes/<slug>/watch")
@login_required
def watch_programme(slug: str):
    programme = db.session.scalar(db.select(Programme).where(Programme.slug == slug[:80]))
    if programme is None:
        abort(404)
    member = current_user._get_current_object()
    title = isolate(programme.title, html=False)
    if _action() == "watch":
        watches.watch_programme(member, programme.id)
        message = _("You will hear of new events in the programme “%(title)s”.", title=title)
    else:
        watches.unwatch_programme(member, programme.id)
        message = _("You no longer hear of new events in the programme “%(title)s”.", title=title)
    db.session.commit()
    flash(message, "success")
    return _back(url_for("events.programme", slug=programme.slug))
