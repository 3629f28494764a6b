"""Complementary suppression: no small count of a breakdown by person can be worked out
from the other cells and the column's sum."""

from __future__ import annotations

import csv
import io
import itertools

import pytest

from cop.events import figures
from cop.events.suppression import SMALL, protect
from cop.members.models import Role
from tests.events.eventdata import at, make_event, make_programme, people, register  # noqa: F401
from tests.events.test_figures import workshop  # noqa: F401


@pytest.mark.parametrize(
    ("values", "primary", "complementary", "total_hidden"),
    [
        ([10, 20], set(), set(), False),  # nothing small
        ([6, 2], {1}, {0}, False),  # 8 - 6 would give the 2 away
        ([2, 6, 30], {0}, {1}, False),  # the next-smallest is hidden, not the largest
        ([3, 7, 0], {0}, {1}, False),  # zeros are never hidden
        ([1, 3], {0, 1}, set(), False),  # 4 = 1 + 3 = 2 + 2 = 3 + 1
        ([2, 0], {0}, set(), True),  # alone in its column: only the total can hide it
        ([1, 1], {0, 1}, set(), True),  # 2 can only be 1 + 1
        ([4, 4], {0, 1}, set(), True),  # 8 can only be 4 + 4
        ([1, 5], {0}, {1}, True),  # 6 = 1 + 5 with "*" at least 5
    ],
)
def test_cells_are_hidden_until_no_small_count_can_be_worked_out(
    values, primary, complementary, total_hidden
):
    column = protect(values)
    assert set(column.primary) == primary
    assert set(column.complementary) == complementary
    assert column.total_hidden is total_hidden


def _possible(values, column) -> list[tuple[int, ...]]:
    """Every assignment of the hidden cells a reader who knows the sum could believe."""
    hidden = sorted(column.primary | column.complementary)
    total = sum(values[i] for i in hidden)
    ranges = [SMALL if i in column.primary else range(5, total + 1) for i in hidden]
    return [combo for combo in itertools.product(*ranges) if sum(combo) == total]


def test_no_small_count_is_ever_pinned_unless_the_total_is_hidden():
    for values in itertools.product(range(0, 8), repeat=3):
        column = protect(values)
        if not column.primary or column.total_hidden:
            continue
        hidden = sorted(column.primary | column.complementary)
        worlds = _possible(values, column)
        for position, index in enumerate(hidden):
            if index in column.primary:
                assert len({world[position] for world in worlds}) > 1, (values, index)


def test_a_total_that_would_give_a_small_count_away_is_hidden(workshop, make_member):  # noqa: F811
    admin = make_member(role=Role.ADMIN)
    data = figures.all_figures(admin)
    # 2 new members, both Jordanian: the country breakdown shows "<5" and Greece 0.
    assert str(data["totals"]["new_members"]) == "*"
    assert str(data["totals"]["registrations"]) == "8"


def test_the_page_and_the_csv_show_the_hidden_cells(client, db, login, workshop):  # noqa: F811
    login(workshop["organiser"])
    page = client.get("/events/figures").get_data(as_text=True)
    assert "cannot be worked out by subtracting the other counts" in page
    assert '<td data-label="Registrations">*</td>' in page
    rows = list(csv.reader(io.StringIO(client.get("/events/figures.csv").data.decode("utf-8-sig"))))
    total = next(row for row in rows if row[0] == "Total")
    assert total[2 + list(figures.COUNTS).index("new_members")] == "*"


def test_the_audit_log_names_team_changes(client, db, login, people):  # noqa: F811
    from cop.events import team

    team.add_co_organiser(people["event"], people["member"], actor=people["organiser"])
    db.session.commit()
    login(people["admin"])
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "Added an organiser to an event" in page and people["event"].title in page
