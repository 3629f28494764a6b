"""The benchmark's workshops and webinars: programmes, events, organisers, registrations.

Rows go in with bench.build's bulk inserts, as cop.events' services would leave them:
published events (a few cancelled), each linked to a discussion thread of its own, with
its organisers, linked resources and registrations up to its capacity and a waiting list
beyond it, attendance marked for past events. One upcoming event is the benchmarked
event page: full, with a waiting list, the benchmark's member (id 1) going.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench.words import LANGUAGES, paragraph, title
from cop.events.models import (
    Event,
    EventFormat,
    EventOrganiser,
    EventRegistration,
    EventResource,
    EventState,
    Programme,
    RegistrationStatus,
)
from cop.models import utcnow
from cop.sanitize import render_markdown

# Each country's main time zone and a city: the national workshops.
PLACES = {
    "ES": ("Europe/Madrid", "Valencia"),
    "PT": ("Europe/Lisbon", "Porto"),
    "GR": ("Europe/Athens", "Θεσσαλονίκη"),
    "JO": ("Asia/Amman", "عمّان"),
    "PS": ("Asia/Hebron", "رام الله"),
    "TN": ("Africa/Tunis", "Tunis"),
}
COUNTRY_LANGUAGE = {"ES": "es", "PT": "pt", "GR": "el", "JO": "ar", "PS": "ar", "TN": "fr"}
PAGE_EVENT_GOING = 60
PAGE_EVENT_WAITING = 20


def events_size(threads: int, members: int) -> tuple[int, int]:
    """(events, programmes): one event per 8 threads (625 at full size), in 5 programmes."""
    return max(10, threads // 8), 5 if members >= 50 else 2


def build_events(rng: random.Random, size, members: list[dict], bulk) -> tuple[int, int, int]:
    """Insert the events: (the id of the benchmarked event page, events, registrations)."""
    member_ids = [m["id"] for m in members]
    now = utcnow().replace(microsecond=0)
    count, programme_count = events_size(size.threads, size.members)
    programmes = []
    for i in range(1, programme_count + 1):
        language = LANGUAGES[i % len(LANGUAGES)]
        description = paragraph(rng, language)
        programmes.append(
            {
                "id": i,
                "slug": f"programme-{i}",
                "title": title(rng, language)[:200],
                "description": description,
                "description_html": render_markdown(description),
                "language": language,
                "created_by_id": 2,
                "created_at": now - timedelta(days=800),
            }
        )
    bulk(Programme.__table__, programmes)

    page_event = count // 2 + 1  # the first upcoming one
    events, organisers, links, registrations = [], [], [], []
    registration_id = 0
    for i in range(1, count + 1):
        country = rng.choice(list(PLACES))
        zone, city = PLACES[country]
        language = COUNTRY_LANGUAGE[country]
        format_ = rng.choice(list(EventFormat))
        # Half past (up to two years ago), half ahead (up to a year), in order of id.
        days = -730 + (i - 1) * 730 / (count // 2) if i <= count // 2 else (i - page_event) * 2 + 3
        starts = now + timedelta(days=days, hours=rng.randint(0, 8))
        description = paragraph(rng, language)
        page_going = min(PAGE_EVENT_GOING, len(member_ids) * 3 // 4)
        capacity = page_going if i == page_event else rng.choice((None, 20, 30, 40, 60))
        events.append(
            {
                "id": i,
                "programme_id": rng.choice(programmes)["id"] if rng.random() < 0.8 else None,
                "title": title(rng, language)[:200],
                "language": language,
                "description": description,
                "description_html": render_markdown(description),
                "country": None if format_ == EventFormat.ONLINE else country,
                "city": "" if format_ == EventFormat.ONLINE else city,
                "venue": "" if format_ == EventFormat.ONLINE else f"Centre {i}",
                "online_url": None
                if format_ == EventFormat.IN_PERSON
                else f"https://meet.example.org/{i}",
                "format": format_,
                "delivery_languages": sorted({language, rng.choice(LANGUAGES)}),
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=rng.choice((2, 3, 6))),
                "timezone": zone,
                "capacity": capacity,
                "registration_deadline": starts - timedelta(days=1) if rng.random() < 0.5 else None,
                "state": EventState.CANCELLED if rng.random() < 0.03 else EventState.PUBLISHED,
                # Threads 1 and 2 are the big one and the one the bench replies to.
                "thread_id": i + 2 if i + 2 <= size.threads else None,
                "uid": f"bench-event-{i}@cop",
                "sequence": 1,
                "question_1": "Accessibility needs?" if rng.random() < 0.3 else None,
                "created_by_id": 2,
                "created_at": starts - timedelta(days=60),
                "updated_at": starts - timedelta(days=60),
            }
        )
        for member_id in rng.sample(member_ids[1:], 2 if rng.random() < 0.3 else 1):
            organisers.append({"event_id": i, "member_id": member_id})
        for resource_id in rng.sample(range(1, size.resources + 1), rng.randint(0, 3)):
            links.append({"event_id": i, "resource_id": resource_id})
        if i == page_event:
            going = page_going
            waiting = min(PAGE_EVENT_WAITING, len(member_ids) - going)
            people = [1, *rng.sample(member_ids[1:], going + waiting - 1)]
        else:
            going = rng.randint(0, capacity or 50)
            waiting = rng.randint(0, 10) if capacity and going == capacity else 0
            people = rng.sample(member_ids, min(len(member_ids), going + waiting))
        past = starts < now
        for n, member_id in enumerate(people):
            registration_id += 1
            status = RegistrationStatus.GOING if n < going else RegistrationStatus.WAITING
            registered = starts - timedelta(days=30) + timedelta(minutes=n)
            registrations.append(
                {
                    "id": registration_id,
                    "event_id": i,
                    "member_id": member_id,
                    "status": status,
                    "attended": (rng.random() < 0.8) if past and n < going else None,
                    "registered_at": registered,
                    "updated_at": registered,
                }
            )
    bulk(Event.__table__, events)
    bulk(EventOrganiser.__table__, organisers)
    bulk(EventResource.__table__, links)
    bulk(EventRegistration.__table__, registrations)
    return page_event, len(events), len(registrations)


MODELS = (Programme, Event, EventRegistration)
