"""An event's times: typed in its own time zone, stored in UTC, shown in the reader's."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cop.i18n import available_timezones


def is_timezone(name: str | None) -> bool:
    return bool(name) and name in available_timezones()


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_utc(day: date, clock: time, timezone: str) -> datetime:
    """The UTC instant of `day` at `clock` on the wall clocks of `timezone`.

    A wall time skipped by a daylight-saving jump (02:30 on the spring night) reads as
    the instant an hour later; a repeated one (the autumn night) as its first pass.
    """
    local = datetime.combine(day, clock).replace(tzinfo=zone(timezone), fold=0)
    return local.astimezone(UTC)


def to_local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(zone(timezone))
