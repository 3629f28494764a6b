"""Participation figures: what they count, who sees them, suppression, SVG and CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from cop.events import charts, figures
from cop.events.models import EventResource, EventState, RegistrationStatus
from cop.members.models import OrganisationKind, Role
from cop.models import utcnow

# This module's own data fixtures (made with the models), over the conftest's.
from tests.events.eventdata import at, make_event, make_programme, people, register  # noqa: F401


@pytest.fixture
def workshop(db, make_member, make_event, make_programme, register):
    """A past workshop in Amman: 6 Jordanian participants, 2 Greek, one on the waiting list."""
    organiser = make_member(display_name="Olga Organiser")
    programme = make_programme(title="Formation ESS")
    starts = utcnow() - timedelta(days=20)
    event = make_event(
        title="ورشة عمان",
        programme=programme,
        starts_at=starts,
        country="JO",
        timezone="Asia/Amman",
        delivery_languages=["ar", "en"],
        organisers=[organiser],
    )
    jordanians = [
        make_member(display_name=f"عضو {n}", country="JO", organisation_kind=OrganisationKind.NGO)
        for n in range(6)
    ]
    greeks = [
        make_member(
            display_name=f"Μέλος {n}", country="GR", organisation_kind=OrganisationKind.UNIVERSITY
        )
        for n in range(2)
    ]
    # Two Jordanians joined in the month before the workshop: new members if they came.
    for member in jordanians[:2]:
        member.created_at = starts - timedelta(days=3)
    for member in [*jordanians[2:], *greeks]:
        member.created_at = starts - timedelta(days=400)
    db.session.commit()
    for member in jordanians:
        register(event, member, attended=True)
    register(event, greeks[0], attended=True)
    register(event, greeks[1], RegistrationStatus.WAITING)
    withdrawn = make_member(country="JO")
    register(event, withdrawn, RegistrationStatus.CANCELLED)
    return {"event": event, "organiser": organiser, "programme": programme}


def by_key(rows):
    return {row.key: {name: str(figure) for name, figure in row.figures.items()} for row in rows}


def test_the_totals_count_what_the_page_says(workshop, make_member):
    admin = make_member(role=Role.ADMIN)
    totals = {name: figure.value for name, figure in figures.totals(admin).items()}
    assert totals == {
        "events": 1,
        "registrations": 8,  # 6 + 1 going, 1 waiting; not the withdrawn one
        "attendance": 7,
        "new_members": 2,
        "threads": 0,
        "resources": 0,
    }


def test_breakdowns_by_person_suppress_counts_under_five(workshop, make_member):
    admin = make_member(role=Role.ADMIN)
    countries = by_key(figures.breakdown(admin, "country"))
    # 6 would give the Greek 2 away (8 - 6): hidden too, as "*" (complementary).
    assert countries["JO"]["registrations"] == "*"
    assert countries["JO"]["new_members"] == "<5"
    assert countries["GR"] == {
        "events": "1",
        "registrations": "<5",
        "attendance": "<5",
        "new_members": "0",
        "threads": "0",
        "resources": "0",
    }
    kinds = by_key(figures.breakdown(admin, "organisation_kind"))
    assert kinds[OrganisationKind.NGO]["attendance"] == "*"
    assert kinds[OrganisationKind.UNIVERSITY]["attendance"] == "<5"
    languages = by_key(figures.breakdown(admin, "language"))
    assert set(languages) == {"ar", "en"}  # the event counts in both of its languages
    assert languages["ar"]["registrations"] == "8"


def test_breakdowns_by_programme_event_and_month_are_not_suppressed(
    db, workshop, make_member, make_event
):
    admin = make_member(role=Role.ADMIN)
    programmes = by_key(figures.breakdown(admin, "programme"))
    assert programmes[workshop["programme"].id]["new_members"] == "2"
    events = figures.breakdown(admin, "event")
    assert [row.name for row in events] == ["ورشة عمان"]
    month = workshop["event"].starts_at.strftime("%Y-%m")
    assert by_key(figures.breakdown(admin, "month"))[month]["attendance"] == "7"


def test_linked_threads_and_resources_are_counted_once(db, workshop, make_member):
    from cop.resources import services as resources
    from tests.resources.conftest import resource_fields

    resource = resources.create_resource(sharer=workshop["organiser"], fields=resource_fields())
    db.session.flush()
    db.session.add(EventResource(event_id=workshop["event"].id, resource_id=resource.id))
    db.session.commit()
    admin = make_member(role=Role.ADMIN)
    totals = figures.totals(admin)
    assert totals["resources"].value == 1 and totals["registrations"].value == 8


def test_drafts_and_cancelled_events_are_left_out(workshop, make_member, make_event, register):
    admin = make_member(role=Role.ADMIN)
    for state in (EventState.DRAFT, EventState.CANCELLED):
        register(make_event(state=state), make_member())
    assert figures.totals(admin)["events"].value == 1


def test_organisers_see_only_their_events(workshop, make_member, make_event, register):
    other = make_member()
    register(make_event(organisers=[other]), make_member())
    assert figures.totals(other)["registrations"].value == 1
    assert figures.totals(workshop["organiser"])["registrations"].value == 8


def test_the_figures_page_takes_a_bounded_number_of_queries(
    client, login, workshop, count_queries, make_event, make_member, register
):
    for _n in range(5):
        register(make_event(organisers=[workshop["organiser"]]), make_member())
    login(workshop["organiser"])
    with count_queries() as queries:
        assert client.get("/events/figures").status_code == 200
    assert len(queries) <= 14, "\n".join(queries)


# Pages


def test_the_page_has_accessible_charts_and_tables(client, login, workshop):
    login(workshop["organiser"])
    page = client.get("/events/figures").get_data(as_text=True)
    assert page.count('role="img"') == len(figures.BREAKDOWNS)
    assert "<title id=" in page and "<desc id=" in page
    assert "&lt;5" in page and 'class="data-table figures-table"' in page
    assert "30 days" in page


def test_in_arabic_the_bars_grow_from_the_right(client, db, login, workshop):
    workshop["organiser"].locale = "ar"
    db.session.commit()
    login(workshop["organiser"])
    page = client.get("/events/figures").get_data(as_text=True)
    assert 'dir="rtl"' in page
    chart = charts.bar_chart(
        [("a", {"x": figures.Figure(10)}), ("b", {"x": figures.Figure(5)})], ["x"], rtl=True
    )
    first, second = chart.bars
    assert first.x + first.width == second.x + second.width == charts.WIDTH - charts.LABEL_WIDTH - 4
    assert first.width == 2 * second.width
    assert all(label.anchor == "end" for label in chart.labels)


def test_suppressed_values_get_no_bar():
    chart = charts.bar_chart([("a", {"x": figures.Figure(3, suppressed=True)})], ["x"])
    assert chart.bars[0].width == 0 and chart.bars[0].value.text == "<5"


def test_the_csv_keeps_arabic_and_greek_and_guards_formulas(client, db, login, workshop):
    workshop["programme"].title = '=HYPERLINK("x")'
    workshop["event"].title = "Εργαστήριο ورشة"
    db.session.commit()
    login(workshop["organiser"])
    response = client.get("/events/figures.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    names = [row[1] for row in rows]
    assert "Εργαστήριο ورشة" in names
    assert '\'=HYPERLINK("x")' in names
    assert "<5" in [cell for row in rows for cell in row]
    assert rows[1][0] == "Total"


MATRIX = {
    "anonymous": 302,
    "member": 403,
    "organiser": 200,
    "other organiser": 200,
    "moderator": 403,
    "admin": 200,
    "suspended": 403,
}


@pytest.mark.parametrize("who", MATRIX)
@pytest.mark.parametrize("url", ["/events/figures", "/events/figures.csv"])
def test_who_may_see_the_figures(client, login, people, who, url):
    if people[who] is not None:
        login(people[who])
    assert client.get(url).status_code == MATRIX[who]


def test_an_organiser_of_another_event_does_not_see_this_one(client, login, people, register):
    register(people["event"], people["member"])
    login(people["other organiser"])
    page = client.get("/events/figures").get_data(as_text=True)
    assert people["event"].title not in page.replace("Another workshop", "")
