"""How an event's time and a month are shown: the reader's language, zone and week."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime

from babel import Locale
from babel.core import get_global
from babel.dates import format_skeleton, format_time, get_timezone_location
from flask_babel import get_locale
from flask_babel import gettext as _

from cop.events.models import Event
from cop.events.times import to_local, zone
from cop.i18n import DEFAULT_LOCALE


def _locale() -> Locale:
    return get_locale() or Locale.parse(DEFAULT_LOCALE)


def _moment(local: datetime, *, with_date: bool = True) -> str:
    """ "Sat, Mar 14, 2026, 7:00 PM" in the reader's language, for a local time."""
    locale = _locale()
    clock = format_time(local, "short", tzinfo=local.tzinfo, locale=locale)
    if not with_date:
        return clock
    day = format_skeleton("yMMMEd", local, tzinfo=local.tzinfo, locale=locale)
    return locale.datetime_formats["medium"].format(clock, day)


def _span(starts: datetime, ends: datetime) -> str:
    same_day = starts.date() == ends.date()
    return _(
        "%(start)s – %(end)s", start=_moment(starts), end=_moment(ends, with_date=not same_day)
    )


def zone_city(name: str) -> str:
    """The city naming a time zone, in the reader's language ("Ammán" in Spanish)."""
    try:
        if name.upper() in ("UTC", "ETC/UTC"):  # no city: "Coordinated Universal Time"
            return _locale().time_zones["Etc/UTC"]["long"]["standard"]
        return get_timezone_location(zone(name), locale=_locale(), return_city=True)
    except (LookupError, ValueError):
        return name


@dataclass
class When:
    event_time: str  # in the event's zone
    event_zone: str  # its city, translated
    reader_time: str | None  # in the reader's zone, when it differs
    reader_zone: str


def when(event: Event, reader_zone: str) -> When:
    starts, ends = (
        to_local(event.starts_at, event.timezone),
        to_local(event.ends_at, event.timezone),
    )
    shown = When(_span(starts, ends), zone_city(event.timezone), None, zone_city(reader_zone))
    if reader_zone != event.timezone:
        mine = _span(to_local(event.starts_at, reader_zone), to_local(event.ends_at, reader_zone))
        shown.reader_time = mine if mine != shown.event_time else None
    return shown


def first_week_day(locale: Locale | None = None) -> int:
    """0 for Monday ... 6 for Sunday, from the locale's region (its likely one for a bare
    language: Sunday for en (US), Saturday for ar (Egypt), Monday for es, el, fr)."""
    locale = locale or _locale()
    if not locale.territory:
        likely = get_global("likely_subtags").get(locale.language, locale.language)
        locale = Locale.parse(likely)
    return locale.first_week_day


@dataclass
class MonthGrid:
    title: str
    weekdays: list[tuple[str, str]]  # (abbreviated, full) names, in the locale's order
    weeks: list[list[date]]
    month: int
    events_by_day: dict[date, list[Event]] = field(default_factory=dict)


def month_grid(year: int, month: int, events: list[Event], reader_zone: str) -> MonthGrid:
    locale = _locale()
    first = first_week_day(locale)
    weeks = calendar.Calendar(firstweekday=first).monthdatescalendar(year, month)
    order = [(first + i) % 7 for i in range(7)]
    names = locale.days["stand-alone"]
    grid = MonthGrid(
        title=format_skeleton("yMMMM", date(year, month, 1), locale=locale),
        weekdays=[(names["abbreviated"][d], names["wide"][d]) for d in order],
        weeks=weeks,
        month=month,
    )
    for event in events:
        day = to_local(event.starts_at, reader_zone).date()
        grid.events_by_day.setdefault(day, []).append(event)
    return grid
