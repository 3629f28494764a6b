"""Atom feeds of the events (all, and per country), built like the discussions' feeds
(cop/threads/feeds.py: `render_feed`, one `Entry` per item).

An entry is an event as announced: newest first, published and cancelled ones (a
cancelled event stays, its title saying so, so readers learn of it), never drafts or
hidden events. Its time is given in the event's own zone, named, since a feed reader
has no reader's zone to convert to.
"""

from __future__ import annotations

from flask import Response, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cop.events.display import when
from cop.events.models import Event, EventState
from cop.extensions import db
from cop.i18n import country_name, isolate
from cop.threads.feeds import Entry, render_feed

FEED_LIMIT = 30
LISTED_STATES = (EventState.PUBLISHED, EventState.CANCELLED)


def feed_events(country: str | None = None, limit: int = FEED_LIMIT) -> list[Event]:
    """The newest announced events (published or cancelled, not hidden)."""
    statement = (
        select(Event)
        .where(Event.state.in_(LISTED_STATES), Event.is_hidden.is_(False))
        .options(selectinload(Event.created_by))
        .order_by(Event.created_at.desc(), Event.id.desc())
        .limit(limit)
    )
    if country is not None:
        statement = statement.where(Event.country == country)
    return list(db.session.scalars(statement))


def _summary(event: Event) -> str:
    """The event's time and place above its description (sanitized at write time)."""
    shown = when(event, event.timezone)
    facts = [escape(_("%(time)s (%(city)s time)", time=shown.event_time, city=shown.event_zone))]
    place = [isolate(p) for p in (event.venue, event.city) if p]
    if event.country:
        place.append(escape(country_name(event.country)))
    if place:
        facts.append(Markup(", ").join(place))
    head = Markup("").join(Markup("<p>%s</p>") % fact for fact in facts)
    if event.state == EventState.CANCELLED:
        head = Markup("<p><strong>%s</strong></p>") % _("This event is cancelled.") + head
    # The description is HTML sanitized when it was saved (cop.sanitize), as a post's.
    return str(head) + (event.description_html or "")


def _entry(event: Event) -> Entry:
    title = event.title
    if event.state == EventState.CANCELLED:
        title = _("Cancelled: %(title)s", title=isolate(event.title, html=False))
    author = event.created_by.display_name if event.created_by else _("former member")
    return Entry(
        title=title,
        url=url_for("events.show", event_id=event.id, _external=True),
        author=author,
        language=event.language,
        published=event.created_at,
        updated=event.updated_at or event.created_at,
        html=_summary(event),
    )


def events_feed(country: str | None = None) -> Response:
    if country is None:
        title = _("Events")
        self_url = url_for("events.feed_atom", _external=True)
        page_url = url_for("events.index", _external=True)
    else:
        title = _("Events in %(country)s", country=country_name(country))
        self_url = url_for("events.country_feed_atom", country=country, _external=True)
        page_url = url_for("events.index", country=country, _external=True)
    return render_feed(
        title=title,
        self_url=self_url,
        page_url=page_url,
        entries=[_entry(event) for event in feed_events(country)],
    )
