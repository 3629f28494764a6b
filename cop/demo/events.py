"""Demo events: the training programme, its national workshops in the six partner
countries (in their languages) and an English webinar, with registrations, a waiting
list on the full Amman workshop, attendance on the past ones, linked resources and
the discussion thread each published event opens.

Idempotent: the programme is found by its slug, an event by its title, roles by their
key, so running it again adds nothing twice. Runs after the members, the discussion
tables and the library (cop.demo.seed).
"""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from cop.demo import event_texts as texts
from cop.demo.members import ADMIN_EMAIL
from cop.events import registration, services, team
from cop.events.models import Event, EventRegistration, Programme, RegistrationStatus
from cop.events.times import to_local, to_utc
from cop.extensions import db
from cop.members.accounts import find_member_by_email
from cop.models import utcnow
from cop.resources.models import Resource
from cop.threads.queries import category_by_slug


def _programme(admin) -> tuple[Programme, int]:
    found = db.session.scalar(select(Programme).where(Programme.slug == texts.PROGRAMME_SLUG))
    if found is not None:
        return found, 0
    made = services.create_programme(
        actor=admin,
        slug=texts.PROGRAMME_SLUG,
        title=texts.PROGRAMME_TITLE,
        description=texts.PROGRAMME_DESCRIPTION,
        language="en",
    )
    return made, 1


def _roles(admin) -> int:
    created = 0
    for country, emails in texts.ORGANISER_ROLES.items():
        for email in emails:
            member = find_member_by_email(email)
            if member is not None:
                created += services.grant_organiser_role(member, country=country, actor=admin)
    return created


def _fields(demo: texts.DemoEvent, programme: Programme) -> services.EventFields:
    day = to_local(utcnow() + timedelta(days=demo.days_from_now), demo.timezone).date()
    starts = to_utc(day, time(demo.start_hour), demo.timezone)
    return services.EventFields(
        title=demo.title,
        language=demo.language,
        description=demo.description,
        format=demo.format,
        starts_at=starts,
        ends_at=starts + timedelta(hours=demo.hours),
        timezone=demo.timezone,
        country=demo.country,
        city=demo.city,
        venue=demo.venue,
        online_url=demo.online_url,
        delivery_languages=list(demo.delivery_languages),
        capacity=demo.capacity,
        registration_deadline=starts - timedelta(days=2) if demo.days_from_now > 2 else None,
        programme=programme,
        question_1=demo.question,
    )


def _register_upcoming(event: Event, demo: texts.DemoEvent) -> None:
    """Through the registration service: places first, then the waiting list."""
    for email in demo.going:
        member = find_member_by_email(email)
        if member is not None:
            registration.register(event, member)


def _register_past(event: Event, demo: texts.DemoEvent) -> None:
    """Registration is closed after the start: the rows are written as they would be
    now, with the attendance the organisers marked."""
    for n, email in enumerate((*demo.going, *demo.absent)):
        member = find_member_by_email(email)
        if member is None:
            continue
        db.session.add(
            EventRegistration(
                event=event,
                member=member,
                status=RegistrationStatus.GOING,
                attended=email in demo.going,
                registered_at=event.starts_at - timedelta(days=20 - n),
            )
        )


def _seed_event(demo: texts.DemoEvent, programme: Programme) -> int:
    if db.session.scalar(select(Event.id).where(Event.title == demo.title)):
        return 0
    organiser, table = find_member_by_email(demo.organiser), category_by_slug(demo.table)
    if organiser is None or table is None:
        return 0
    event = services.create_event(actor=organiser, fields=_fields(demo, programme))
    services.publish_event(event, actor=organiser, category=table)
    for email in demo.co_organisers:
        member = find_member_by_email(email)
        if member is not None:
            team.add_co_organiser(event, member, actor=organiser)
    for title in demo.resources:
        resource = db.session.scalar(select(Resource).where(Resource.title == title))
        if resource is not None:
            team.link_material(event, resource, actor=organiser)
    if demo.days_from_now < 0:
        _register_past(event, demo)
    else:
        _register_upcoming(event, demo)
    db.session.flush()
    return 1


def seed_events() -> int:
    """Add the missing programme, organiser roles and events; how many were created."""
    admin = find_member_by_email(ADMIN_EMAIL)
    if admin is None:
        return 0
    programme, created = _programme(admin)
    created += _roles(admin)
    for demo in texts.EVENTS:
        created += _seed_event(demo, programme)
    db.session.flush()
    return created
