"""User values in what other programs read: Atom feeds, calendars, CSV files.

The rule is the pages' one, in plain text (docs/i18n-direction.md):

- Atom `<title>`s and `<name>`s are plain text (RFC 4287 type="text"). A title that is
  the member's words alone stays as written: a feed reader lays each title out as its
  own line with its own direction, and readers search, sort and copy them. A title that
  puts a user value into the interface's words ("Cancelled: …") isolates it with
  FSI … PDI. The HTML content isolates with <bdi> as the pages do.
- iCalendar SUMMARY and LOCATION: the same (a calendar shows each as its own line).
- CSV cells: never isolated. A cell is its own paragraph in every spreadsheet, and an
  invisible FSI/PDI would make a name differ from the same name typed (sorting,
  lookups, joins, imports into another system): each user value is a whole cell.
"""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

import icalendar
import pytest

from cop.i18n import FSI, PDI
from tests.i18n import isolation, scene

ATOM = "{http://www.w3.org/2005/Atom}"
CASES = [(scene.ARABIC, "en"), (scene.LATIN, "ar")]
IDS = ["arabic-in-english", "latin-in-arabic"]


@pytest.fixture(params=CASES, ids=IDS)
def community(request, app):
    texts, language = request.param
    built = scene.build(texts, locale=language)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return built, client


def _values(community: scene.Scene) -> list[str]:
    return [*community.texts.interpolated(), community.author.handle]


def test_atom_feeds_isolate_user_values_inside_interface_words(app, community):
    built, client = community
    event = built.ids["event_id"]
    from cop.events import services as events
    from cop.events.models import Event
    from cop.extensions import db

    events.cancel_event(db.session.get(Event, event), actor=built.author)  # "Cancelled: …"
    db.session.commit()
    feeds = [
        "/threads/feed.atom",
        f"/threads/tables/{built.ids['slug']}/feed.atom",
        f"/threads/{built.ids['thread_id']}/feed.atom",
        "/events/feed.atom",
        "/events/feed/country/JO.atom",
    ]
    values = _values(built)
    found, titles = {}, []
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.data)  # noqa: S314 -- our own feed
        bad = []
        for element in root.iter():
            if element.tag in (f"{ATOM}title", f"{ATOM}name") and element.text:
                titles.append(element.text)
                bad += isolation.unisolated_in_text(element.text, values)
            if element.tag == f"{ATOM}content" and element.text:
                # A reader shows an entry's content as a block of its own (a post's
                # body, its mentions included); interface words in it isolate values.
                block = f'<div dir="auto">{element.text}</div>'
                content = [built.texts.body, built.texts.reply]
                bad += isolation.unisolated_in_page(block, values, content)
        if bad:
            found[url] = bad
    assert found == {}
    # Alone, a title is the member's words as written; inside a sentence, isolated.
    assert built.texts.title in titles
    assert any(FSI + built.texts.title + PDI in t and t != FSI + built.texts.title + PDI
               for t in titles)  # fmt: skip


def test_calendar_lines_isolate_a_place_inside_interface_words(app, community):
    built, client = community
    response = client.get(f"/events/{built.ids['event_id']}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.data)
    values = _values(built)
    for component in calendar.walk("VEVENT"):
        summary, location = str(component["SUMMARY"]), str(component["LOCATION"])
        assert summary == built.texts.title  # alone: as written
        assert isolation.unisolated_in_text(location, values) == []
        assert f"{FSI}{built.texts.organisation}" in location  # the mixed event's place


def test_csv_cells_hold_user_values_whole_and_without_isolates(app, community):
    built, client = community
    client.post("/auth/sign-in", data={"email": built.author.email, "password": scene.PASSWORD})
    response = client.get(f"/events/{built.ids['event_id']}/registrations.csv")
    assert response.status_code == 200, response.status_code
    text = response.get_data(as_text=True)
    assert FSI not in text and PDI not in text
    cells = {cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row}
    assert {built.texts.admin, built.texts.reply, built.texts.report_note} <= cells
