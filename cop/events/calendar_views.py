"""Calendar files and feeds (cop/events/calendars.py), and the page of a member's own feed.

Public files and feeds: anyone may fetch them, caches keep them but ask each time (a
cheap 304 with the ETag). The private feed is opened by its token alone (calendar
applications send no cookies): only the member's own application keeps it.
"""

from __future__ import annotations

import re

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cop import cachepolicy, permissions
from cop.events import bp, calendars
from cop.events.models import Event, Programme
from cop.extensions import db
from cop.i18n import country_name, is_country_code, is_supported, isolate


def _ics(body: bytes, *, private: bool = False, filename: str | None = None) -> Response:
    response = Response(body, mimetype=calendars.MIMETYPE)  # Flask adds charset=utf-8
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        cachepolicy.private_revalidated(response)
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        cachepolicy.public_revalidated(response)
        response.vary.add("Accept-Language")  # names and "Online" are translated
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/<int:event_id>.ics")
def event_ics(event_id: int):
    event = db.session.get(Event, event_id)
    if event is None or not calendars.is_listed(event):
        abort(404)
    return _ics(calendars.event_calendar(event), filename=f"event-{event.id}.ics")


@bp.get("/calendar.ics")
def feed():
    return _ics(calendars.public_calendar(_("Events"), calendars.public_events()))


@bp.get("/calendar/country/<country>.ics")
def country_feed(country: str):
    if not is_country_code(country):
        abort(404)
    name = _("Events in %(country)s", country=isolate(country_name(country), html=False))
    return _ics(calendars.public_calendar(name, calendars.public_events(country=country)))


@bp.get("/calendar/programme/<slug>.ics")
def programme_feed(slug: str):
    programme = db.session.scalar(select(Programme).where(Programme.slug == slug[:80]))
    if programme is None:
        abort(404)
    name = _("Events of %(programme)s", programme=isolate(programme.title, html=False))
    return _ics(calendars.public_calendar(name, calendars.public_events(programme=programme)))


@bp.get("/calendar/private/<token>.ics")
def member_feed(token: str):
    member = calendars.member_by_token(token)
    if member is None:
        abort(404)
    locale = member.locale if is_supported(member.locale) else "en"
    with force_locale(locale):
        body = calendars.member_calendar(_("My events"), calendars.member_registrations(member))
    return _ics(body, private=True)


def subscription_urls(token: str) -> dict[str, str]:
    https = url_for("events.member_feed", token=token, _external=True)
    return {"https": https, "webcal": re.sub(r"^https?://", "webcal://", https)}


@bp.get("/calendar/subscription")
@login_required
def subscription():
    row = calendars.calendar_token(current_user)
    response = Response(
        render_template(
            "events/calendar_subscription.html",
            member=current_user,
            section="calendar",
            urls=subscription_urls(row.token) if row else None,
            public_feed=url_for("events.feed", _external=True),
            can_renew=permissions.can_write(current_user),
        )
    )
    return cachepolicy.personal(response)


@bp.post("/calendar/subscription")
@login_required
def renew_subscription():
    if not permissions.can_write(current_user):
        abort(403)
    calendars.renew_calendar_token(current_user)
    db.session.commit()
    flash(_("Your calendar has a new address. The old one no longer works."), "success")
    return redirect(url_for("events.subscription"))
