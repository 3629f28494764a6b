"""The programmes list, a programme's page, an event's team page and a resource's page
with its events: a fixed number of queries whatever the data size."""

from __future__ import annotations

from cop.events import registration, services, team
from cop.extensions import db as _db
from cop.members.models import Role
from cop.resources import services as resources
from tests.events.conftest import fields
from tests.resources.conftest import resource_fields


def _resource(sharer, n: int):
    return resources.create_resource(sharer=sharer, fields=resource_fields(title=f"Slides {n}"))


def _grow(make_member, table, organiser, shared, count: int):
    """`count` more programmes, events (with co-organisers, materials, registrations)."""
    event = None
    for n in range(count):
        programme = services.create_programme(
            actor=organiser,
            slug=f"p-{organiser.id}-{n}-{count}",
            title=f"Programme {n}",
            description="",
            language="en",
        )
        event = services.create_event(
            actor=organiser, fields=fields(title=f"Workshop {n}", programme=programme)
        )
        services.publish_event(event, actor=organiser, category=table)
        team.add_co_organiser(event, make_member(), actor=organiser)
        team.link_material(event, shared, actor=organiser)
        team.link_material(event, _resource(organiser, n), actor=organiser)
        registration.register(event, make_member())
    _db.session.commit()
    return event


def _count(client, count_queries, path: str) -> int:
    with count_queries() as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def test_programme_team_and_resource_pages_run_a_fixed_number_of_queries(
    client, login, make_member, table, count_queries, no_page_cache
):
    admin = make_member(role=Role.ADMIN)
    shared = _resource(admin, 0)
    event = _grow(make_member, table, admin, shared, 2)
    login(admin)

    def paths(event):
        return (
            "/events/programmes",
            f"/events/programmes/{event.programme.slug}",
            f"/events/{event.id}/team",
            f"/resources/{shared.id}",
        )

    small = [_count(client, count_queries, p) for p in paths(event)]
    event = _grow(make_member, table, admin, shared, 6)
    large = [_count(client, count_queries, p) for p in paths(event)]
    assert small == large
    assert max(large) <= 12, large
