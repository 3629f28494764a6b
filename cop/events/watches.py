"""Watching a country or a programme: a member hears of each event published there.

The events pages show the buttons (cop/events/watch_views.py); cop.notifications reads
the watchers when an event is published and lists a member's watches in their email
preferences, where they can stop them. Services add and flush, the caller commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, literal, select, union_all

from cop.database import insert_ignore
from cop.events.models import CountryWatch, Event, Programme, ProgrammeWatch
from cop.extensions import db
from cop.members.contributions import ExportPart, iso, register_export_part
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)


def watch_country(member: Member, country: str) -> bool:
    """True if the watch is new (a double press watches once)."""
    added = insert_ignore(
        CountryWatch,
        ["member_id", "country"],
        member_id=member.id,
        country=country,
        created_at=utcnow(),
    )
    logger.info("member %s watches events in %s", member.id, country)
    return added is not None


def unwatch_country(member: Member, country: str) -> bool:
    result = db.session.execute(
        delete(CountryWatch).where(
            CountryWatch.member_id == member.id, CountryWatch.country == country
        )
    )
    return bool(result.rowcount)


def watch_programme(member: Member, programme_id: int) -> bool:
    added = insert_ignore(
        ProgrammeWatch,
        ["member_id", "programme_id"],
        member_id=member.id,
        programme_id=programme_id,
        created_at=utcnow(),
    )
    logger.info("member %s watches programme %s", member.id, programme_id)
    return added is not None


def unwatch_programme(member: Member, programme_id: int) -> bool:
    result = db.session.execute(
        delete(ProgrammeWatch).where(
            ProgrammeWatch.member_id == member.id, ProgrammeWatch.programme_id == programme_id
        )
    )
    return bool(result.rowcount)


# Reading


def watches_country(member, country: str | None) -> bool:
    """For the button on the events page of a country (False for visitors)."""
    if not country or not getattr(member, "is_authenticated", False):
        return False
    statement = select(CountryWatch.member_id).where(
        CountryWatch.member_id == member.id, CountryWatch.country == country
    )
    return db.session.scalar(statement) is not None


def watches_programme(member, programme_id: int) -> bool:
    if not getattr(member, "is_authenticated", False):
        return False
    statement = select(ProgrammeWatch.member_id).where(
        ProgrammeWatch.member_id == member.id, ProgrammeWatch.programme_id == programme_id
    )
    return db.session.scalar(statement) is not None


@dataclass(frozen=True)
class Watched:
    """What a member watches, for their preferences page."""

    countries: list[str]
    programmes: list[Programme]  # by title


def watched_by(member: Member) -> Watched:
    countries = db.session.scalars(
        select(CountryWatch.country)
        .where(CountryWatch.member_id == member.id)
        .order_by(CountryWatch.country)
    )
    programmes = db.session.scalars(
        select(Programme)
        .join(ProgrammeWatch, ProgrammeWatch.programme_id == Programme.id)
        .where(ProgrammeWatch.member_id == member.id)
        .order_by(Programme.title, Programme.id)
    )
    return Watched(list(countries), list(programmes))


def watchers_of(event: Event) -> dict[int, str]:
    """{member id: "country" or "programme"} of those watching where the event is (the
    programme wins: it is the closer reason). One query."""
    parts = []
    if event.country:
        parts.append(
            select(CountryWatch.member_id, literal("country").label("reason")).where(
                CountryWatch.country == event.country
            )
        )
    if event.programme_id is not None:
        parts.append(
            select(ProgrammeWatch.member_id, literal("programme").label("reason")).where(
                ProgrammeWatch.programme_id == event.programme_id
            )
        )
    if not parts:
        return {}
    found: dict[int, str] = {}
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    for member_id, reason in db.session.execute(statement):
        if found.get(member_id) != "programme":
            found[member_id] = reason
    return found


# The member's data export (cop.members.contributions): what they watch.


def export_part(member: Member) -> ExportPart | None:
    countries = list(
        db.session.execute(
            select(CountryWatch.country, CountryWatch.created_at).where(
                CountryWatch.member_id == member.id
            )
        )
    )
    programmes = list(
        db.session.execute(
            select(ProgrammeWatch.programme_id, ProgrammeWatch.created_at).where(
                ProgrammeWatch.member_id == member.id
            )
        )
    )
    if not countries and not programmes:
        return None
    return ExportPart(
        "event_watches",
        {
            "countries": [{"country": c, "since": iso(at)} for c, at in countries],
            "programmes": [{"programme_id": p, "since": iso(at)} for p, at in programmes],
        },
    )


def register() -> None:
    register_export_part("event_watches", export_part, order=85)
