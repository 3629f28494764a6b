"""What an event notice says: reminders, changes, cancellations, a place freed up, a new
event where the member watches. In the reader's language (forced for emails) and time
zone, the event's own zone named beside it.

Each user value (a title, a place, a name) is isolated: FSI ... PDI in plain text (email
subjects and bodies, the notices list), <bdi> in HTML (`html=True`: the HTML emails).
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from flask_babel import gettext as _
from markupsafe import Markup, escape

from cop.events.display import when
from cop.i18n import country_name, isolate, member_timezone
from cop.notifications.models import Kind, Notification

EVENT_KINDS = frozenset(
    {Kind.EVENT_REMINDER, Kind.EVENT_CHANGED, Kind.EVENT_PROMOTED, Kind.NEW_EVENT}
)


def event_payload(event, **more) -> dict:
    """What every event notice keeps of the event as it was when told."""
    return {
        "event_id": event.id,
        "title": event.title,
        "language": event.language,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "timezone": event.timezone,
        "format": event.format.value,
        "country": event.country or "",
        "city": event.city,
        "venue": event.venue,
        "address": event.address,
        **more,
    }


def _fill(template: str, html: bool, **values) -> str:
    """The translated `template` with its values: escaped around <bdi>s for HTML."""
    if html:
        return escape(template) % values
    return template % values


def _join(html: bool, sentences: list[str]) -> str:
    return Markup(" ").join(sentences) if html else " ".join(sentences)


def _time(payload: dict, notification: Notification, html: bool) -> str:
    """The event's time in the recipient's zone, with the event's zone named."""
    moment = SimpleNamespace(
        starts_at=datetime.fromisoformat(payload["starts_at"]),
        ends_at=datetime.fromisoformat(payload["ends_at"]),
        timezone=payload.get("timezone") or "UTC",
    )
    shown = when(moment, member_timezone(notification.recipient))
    if shown.reader_time is None:
        return _fill(
            _("%(time)s (%(zone)s time)"), html, time=shown.event_time, zone=shown.event_zone
        )
    return _fill(
        _("%(time)s your time (%(zone)s), that is %(event_time)s %(event_zone)s time"),
        html,
        time=shown.reader_time,
        zone=shown.reader_zone,
        event_time=shown.event_time,
        event_zone=shown.event_zone,
    )


def _place(payload: dict, html: bool) -> str:
    """Venue, address and city as one isolated value, then the country's name."""
    written = ", ".join(
        p for p in (payload.get("venue"), payload.get("address"), payload.get("city")) if p
    )
    country = country_name(payload.get("country") or None)
    if written and country:
        return _fill(
            _("%(place)s, %(country)s"), html, place=isolate(written, html=html), country=country
        )
    return isolate(written, html=html) if written else country


def _actor(notification: Notification, html: bool) -> str:
    if notification.actor is None:
        return _("An organiser")
    return isolate(notification.actor.display_name, html=html)


def _changes(notification: Notification, payload: dict, title, html: bool, brief: bool) -> str:
    actor = _actor(notification, html)
    if payload.get("cancelled"):
        return _fill(
            _("%(actor)s cancelled “%(title)s”, planned for %(time)s."),
            html,
            actor=actor,
            title=title,
            time=_time(payload, notification, html),
        )
    sentences = [_fill(_("%(actor)s changed “%(title)s”."), html, actor=actor, title=title)]
    changes = [] if brief else payload.get("changes") or []
    if "time" in changes:
        sentences.append(
            _fill(_("New time: %(time)s."), html, time=_time(payload, notification, html))
        )
    if "place" in changes:
        if payload.get("format") == "online":
            sentences.append(_("It is now held online only."))
        else:
            sentences.append(_fill(_("New place: %(place)s."), html, place=_place(payload, html)))
    if "link" in changes:
        sentences.append(_("The link to join changed: it is on the event's page."))
    return _join(html, sentences)


def describe_event(notification: Notification, *, html: bool = False, brief: bool = False) -> str:
    """One or a few sentences about an event notice (plain text, or HTML with <bdi>); the
    first one only if `brief`."""
    payload = notification.payload or {}
    title = isolate(payload.get("title", ""), html=html)
    kind = notification.kind
    if kind == Kind.EVENT_CHANGED:
        return _changes(notification, payload, title, html, brief)
    time = _time(payload, notification, html)
    if kind == Kind.EVENT_REMINDER:
        sentences = [
            _fill(_("Reminder: “%(title)s” takes place on %(time)s."), html, title=title, time=time)
        ]
        if brief:
            return sentences[0]
        if payload.get("format") != "online" and _place(payload, html):
            sentences.append(_fill(_("Place: %(place)s."), html, place=_place(payload, html)))
        if payload.get("format") != "in_person":
            sentences.append(_("The link to join is on the event's page."))
        return _join(html, sentences)
    if kind == Kind.EVENT_PROMOTED:
        return _fill(
            _("A place freed up: you are now going to “%(title)s”, on %(time)s."),
            html,
            title=title,
            time=time,
        )
    if payload.get("reason") == "programme":
        return _fill(
            _("New event in the programme “%(programme)s”: “%(title)s”, on %(time)s."),
            html,
            programme=isolate(payload.get("programme_title", ""), html=html),
            title=title,
            time=time,
        )
    return _fill(
        _("New event in %(country)s: “%(title)s”, on %(time)s."),
        html,
        country=country_name(payload.get("country") or None),
        title=title,
        time=time,
    )
