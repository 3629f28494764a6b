"""Atom feeds of the events (cop/events/feeds.py): all, and those of one country."""

from __future__ import annotations

from flask import abort

from cop.events import bp, feeds
from cop.i18n import is_country_code


@bp.get("/feed.atom")
def feed_atom():
    return feeds.events_feed()


@bp.get("/feed/country/<country>.atom")
def country_feed_atom(country: str):
    if not is_country_code(country):
        abort(404)
    return feeds.events_feed(country)
