"""Atom feeds of the events (cop/events/feeds.py): all, and those of one country."""

from __future__ import annotations

from babel import Locale
from flask import abort

from cop.events import bp, feeds
from cop.events.calendar_views import COUNTRY


@bp.get("/feed.atom")
def feed_atom():
    return feeds.events_feed()


@bp.get("/feed/country/<country>.atom")
def country_feed_atom(country: str):
    if not COUNTRY.fullmatch(country) or country not in Locale("en").territories:
        abort(404)
    return feeds.events_feed(country)
