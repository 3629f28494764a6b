"""An event's team and materials: co-organisers and linked resources (services, pages)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.events import team
from cop.events.models import EventOrganiser
from cop.extensions import db
from cop.moderation.models import ModerationEvent
from tests.corpora import naughty_sample
from tests.resources.conftest import resource_fields


@pytest.fixture
def make_library_resource(db, make_member):
    """make_library_resource(title=..., removed=False) -> a Resource with a web link."""
    from cop.resources import services

    def make(title="Workshop slides", removed=False, sharer=None):
        resource = services.create_resource(
            sharer=sharer or make_member(), fields=resource_fields(title=title)
        )
        resource.is_removed = removed
        db.session.commit()
        return resource

    return make


def _organiser_ids(event) -> set[int]:
    rows = db.session.scalars(
        select(EventOrganiser.member_id).where(EventOrganiser.event_id == event.id)
    )
    return set(rows)


def _audit(action: str) -> list[ModerationEvent]:
    return list(db.session.scalars(select(ModerationEvent).where(ModerationEvent.action == action)))


# Services


def test_a_co_organiser_is_added_once_and_audited(people):
    event, member = people["event"], people["member"]
    assert team.add_co_organiser(event, member, actor=people["organiser"])
    assert not team.add_co_organiser(event, member, actor=people["organiser"])
    db.session.commit()
    assert member.id in _organiser_ids(event)
    (row,) = _audit("add_event_organiser")
    assert row.target_type == "event" and row.target_id == event.id
    assert row.data["member_id"] == member.id and row.actor_id == people["organiser"].id


def test_the_last_organiser_cannot_be_removed(people):
    event, organiser = people["event"], people["organiser"]
    with pytest.raises(team.LastOrganiser):
        team.remove_co_organiser(event, organiser, actor=people["admin"])
    db.session.rollback()
    assert _organiser_ids(event) == {organiser.id}


def test_a_co_organiser_is_removed_and_audited(people):
    event = people["event"]
    team.add_co_organiser(event, people["member"], actor=people["organiser"])
    db.session.commit()
    assert team.remove_co_organiser(event, people["organiser"], actor=people["member"])
    assert not team.remove_co_organiser(event, people["other"], actor=people["member"])
    db.session.commit()
    assert _organiser_ids(event) == {people["member"].id}
    assert len(_audit("remove_event_organiser")) == 1


def test_only_active_members_can_become_organisers(people):
    assert team.find_active_member("@" + people["member"].handle.upper()) == people["member"]
    assert team.find_active_member(people["suspended"].handle) is None
    assert team.find_active_member("nobody-at-all") is None
    assert team.find_active_member("") is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("42", 42),
        ("#42", 42),
        ("/resources/42", 42),
        ("https://cop.example.org/resources/42", 42),
        ("https://cop.example.org/resources/42/files/3?x=1", 42),
        ("/threads/42", None),
        ("forty-two", None),
        ("٤٢", None),
        ("9" * 40, None),
        ("", None),
    ],
)
def test_a_resource_is_named_by_its_number_or_address(typed, expected):
    assert team.resource_id_in(typed) == expected


def test_only_visible_resources_can_be_linked(people, make_library_resource):
    shown = make_library_resource()
    removed = make_library_resource(title="Removed slides", removed=True)
    organiser = people["organiser"]
    assert team.linkable_resource(str(shown.id), organiser) == shown
    assert team.linkable_resource(str(removed.id), organiser) is None
    assert team.linkable_resource(str(removed.id), people["moderator"]) is None
    assert team.linkable_resource("999999", organiser) is None


def test_a_resource_is_linked_and_unlinked_once_each_and_audited(people, make_library_resource):
    event, resource, organiser = people["event"], make_library_resource(), people["organiser"]
    assert team.link_material(event, resource, actor=organiser)
    assert not team.link_material(event, resource, actor=organiser)
    db.session.commit()
    assert event.resources == [resource]
    assert team.unlink_material(event, resource, actor=organiser)
    assert not team.unlink_material(event, resource, actor=organiser)
    db.session.commit()
    assert event.resources == []
    assert len(_audit("link_event_resource")) == 1
    assert len(_audit("unlink_event_resource")) == 1


# Pages


@pytest.mark.parametrize(("who", "shown"), [("organiser", True), ("member", False)])
def test_the_event_page_links_organisers_to_the_team_page(client, login, people, who, shown):
    login(people[who])
    html = client.get(f"/events/{people['event'].id}").get_data(as_text=True)
    assert (f"/events/{people['event'].id}/team" in html) is shown


def test_an_organiser_adds_a_co_organiser_by_handle(client, login, people):
    event, member = people["event"], people["member"]
    login(people["organiser"])
    response = client.post(f"/events/{event.id}/team/organisers", data={"handle": member.handle})
    assert response.status_code == 302
    assert member.id in _organiser_ids(event)
    page = client.get(f"/events/{event.id}/team").get_data(as_text=True)
    assert member.display_name in page


def test_an_unknown_handle_is_refused_and_kept(client, login, people):
    event = people["event"]
    login(people["organiser"])
    response = client.post(
        f"/events/{event.id}/team/organisers", data={"handle": "@no-such-person"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "No active member has this handle." in html and 'value="@no-such-person"' in html


def test_a_suspended_member_cannot_be_added(client, login, people):
    login(people["organiser"])
    response = client.post(
        f"/events/{people['event'].id}/team/organisers",
        data={"handle": people["suspended"].handle},
    )
    assert response.status_code == 422


def test_removing_the_last_organiser_is_refused_with_a_message(client, login, people):
    event, organiser = people["event"], people["organiser"]
    login(organiser)
    response = client.post(
        f"/events/{event.id}/team/organisers/{organiser.id}/remove", follow_redirects=True
    )
    assert response.status_code == 200
    assert "An event needs at least one organiser" in response.get_data(as_text=True)
    assert _organiser_ids(event) == {organiser.id}


def test_an_organiser_who_leaves_goes_back_to_the_event(client, login, people):
    event, organiser = people["event"], people["organiser"]
    team.add_co_organiser(event, people["member"], actor=organiser)
    db.session.commit()
    login(organiser)
    response = client.post(f"/events/{event.id}/team/organisers/{organiser.id}/remove")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/events/{event.id}"
    )
    assert _organiser_ids(event) == {people["member"].id}


def test_an_organiser_links_a_resource_by_its_address(client, login, people, make_library_resource):
    event, resource = people["event"], make_library_resource(title="Agenda del taller")
    login(people["organiser"])
    response = client.post(
        f"/events/{event.id}/team/materials",
        data={"reference": f"http://localhost/resources/{resource.id}"},
    )
    assert response.status_code == 302
    assert "Agenda del taller" in client.get(f"/events/{event.id}").get_data(as_text=True)
    resource_page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert f"/events/{event.id}" in resource_page and event.title in resource_page
    response = client.post(f"/events/{event.id}/team/materials/{resource.id}/unlink")
    assert response.status_code == 302
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'href="/resources/{resource.id}"' not in html


def test_a_removed_resource_cannot_be_linked(client, login, people, make_library_resource):
    removed = make_library_resource(removed=True)
    login(people["organiser"])
    response = client.post(
        f"/events/{people['event'].id}/team/materials", data={"reference": str(removed.id)}
    )
    assert response.status_code == 422
    assert "No resource of the library" in response.get_data(as_text=True)


def test_the_resource_page_hides_events_the_reader_may_not_see(
    client, people, make_event, make_library_resource
):
    resource = make_library_resource()
    draft = make_event(organiser=people["organiser"], published=False, title="Secret draft")
    team.link_material(draft, resource, actor=people["organiser"])
    team.link_material(people["event"], resource, actor=people["organiser"])
    db.session.commit()
    html = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert people["event"].title in html and "Secret draft" not in html


def test_naughty_strings_in_the_team_forms_never_break_the_page(client, login, people):
    event = people["event"]
    login(people["organiser"])
    for typed in naughty_sample(9):
        for path, name in (("organisers", "handle"), ("materials", "reference")):
            response = client.post(f"/events/{event.id}/team/{path}", data={name: typed})
            assert response.status_code in (302, 422), (path, typed)
