"""The events a library resource belongs to, listed on the resource's page.

Registered with the library's page sections (cop/resources/page_sections.py) from
`init_app`: the library does not import events. Only events the reader may see are
listed (visitors: published ones, not hidden), so the visitors' cached page is right.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from cop.events.display import When, when
from cop.events.models import Event, EventResource
from cop.events.queries import visible_events
from cop.extensions import db
from cop.i18n import select_timezone
from cop.resources.models import Resource
from cop.resources.page_sections import PageSection, register_page_section

LISTED = 20


def events_of_resource(resource: Resource, reader: Any) -> list[tuple[Event, When]]:
    statement = (
        visible_events(reader)
        .join(EventResource, EventResource.event_id == Event.id)
        .where(EventResource.resource_id == resource.id)
        .options(selectinload(Event.programme))
        .order_by(Event.starts_at.desc(), Event.id)
        .limit(LISTED)
    )
    zone = None
    listed = []
    for event in db.session.scalars(statement):
        zone = zone or select_timezone()
        listed.append((event, when(event, zone)))
    return listed


def register() -> None:
    register_page_section(
        PageSection(
            name="events",
            template="events/_resource_events.html",
            load=events_of_resource,
        )
    )
