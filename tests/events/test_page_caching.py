"""The events pages under the caches: visitors' pages kept whole, the signed-in list kept
as regions. What each reader sees is still theirs, and a change shows at once."""

from __future__ import annotations

from cop.events import registration, services
from cop.members.models import Role
from tests.conftest import PASSWORD
from tests.events.conftest import fields


def _signed_in(app, member):
    """A client of its own for each member (signing in again on one client keeps the
    first member)."""
    client = app.test_client()
    response = client.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _statements(client, count_queries, path: str) -> tuple[int, str]:
    with count_queries() as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.get_data(as_text=True)


def test_visitors_get_the_events_pages_from_the_page_cache(client, count_queries, make_event):
    event = make_event(title="Cached workshop")
    for path in ("/events/", f"/events/{event.id}", "/events/month/2031/1"):
        client.get(path)
        statements, _page = _statements(client, count_queries, path)
        assert statements <= 1, path  # the content version, nothing else


def test_a_registration_shows_at_once_on_the_visitors_event_page(
    client, db, make_member, make_event
):
    event = make_event(title="Two places", capacity=2)
    before = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "2 places left" in before
    registration.register(event, make_member())
    db.session.commit()
    after = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "1 place left" in after


def test_a_new_event_shows_at_once_in_the_members_list(client, db, login, make_member, make_event):
    login(make_member())
    make_event(title="First workshop")
    assert "First workshop" in client.get("/events/").get_data(as_text=True)
    make_event(title="Second workshop")
    page = client.get("/events/").get_data(as_text=True)
    assert "First workshop" in page and "Second workshop" in page


def test_an_organisers_draft_stays_out_of_the_other_members_cached_list(
    app, db, make_member, make_event
):
    organiser = make_member(display_name="Dora Drafter")
    make_event(organiser=organiser, published=False, title="Draft for my eyes")
    reader = make_member()
    admin = make_member(role=Role.ADMIN)

    def page(member) -> str:
        return _signed_in(app, member).get("/events/").get_data(as_text=True)

    assert "Draft for my eyes" in page(organiser)
    assert "Draft for my eyes" not in page(reader)
    assert "Draft for my eyes" in page(admin)  # admins see every draft


def test_the_list_shows_each_member_the_times_in_their_own_zone(app, db, make_member, make_event):
    make_event(title="Evening in Amman", timezone="Asia/Amman")
    lisbon = make_member(timezone="Europe/Lisbon")
    amman = make_member(timezone="Asia/Amman")
    assert "your time" in _signed_in(app, lisbon).get("/events/").get_data(as_text=True)
    # In the event's own zone: no second time.
    assert "your time" not in _signed_in(app, amman).get("/events/").get_data(as_text=True)


def test_the_signed_in_list_is_served_from_its_regions(
    client, db, login, make_member, make_event, count_queries
):
    organiser = make_member()
    for n in range(3):
        event = services.create_event(actor=organiser, fields=fields(title=f"Workshop {n}"))
        db.session.commit()
    make_event(title="Published one")
    login(make_member())
    first, _ = _statements(client, count_queries, "/events/")
    again, page = _statements(client, count_queries, "/events/")
    assert "Published one" in page and event.title not in page
    assert again < first


def test_the_online_link_stays_with_those_going_on_the_cached_event_page(
    app, db, make_member, make_event
):
    from cop.events.models import EventFormat

    event = make_event(
        title="Webinar",
        format=EventFormat.ONLINE,
        country=None,
        online_url="https://meet.example.org/w",
    )
    going, other = make_member(), make_member()
    registration.register(event, going)
    db.session.commit()
    path = f"/events/{event.id}"
    assert "https://meet.example.org/w" in _signed_in(app, going).get(path).get_data(as_text=True)
    assert "https://meet.example.org/w" not in _signed_in(app, other).get(path).get_data(
        as_text=True
    )
    assert "https://meet.example.org/w" not in app.test_client().get(path).get_data(as_text=True)


def test_a_new_organiser_and_a_renamed_one_show_at_once_on_the_event_page(
    app, db, make_member, make_event
):
    event = make_event(title="Shared workshop")
    reader = _signed_in(app, make_member())
    path = f"/events/{event.id}"
    reader.get(path)
    helper = make_member(display_name="Hana Helper")
    services.add_organiser(event, helper)
    db.session.commit()
    assert "Hana Helper" in reader.get(path).get_data(as_text=True)
    helper.display_name = "Hana Renamed"
    db.session.commit()
    assert "Hana Renamed" in reader.get(path).get_data(as_text=True)
