"""The events' Atom feeds (all, per country) and the next events on the home page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest

from cop.events import services
from cop.extensions import db
from cop.members.models import Member

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, path: str) -> list[ET.Element]:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data).findall(f"{ATOM}entry")  # noqa: S314 -- our own feed


def _titles(entries) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in entries]


def test_the_feed_lists_published_and_cancelled_events_newest_first(client, make_event):
    first = make_event(title="First workshop")
    make_event(title="Still a draft", published=False)
    cancelled = make_event(title="Called off")
    services.cancel_event(cancelled, actor=cancelled.created_by)
    db.session.commit()
    entries = _entries(client, "/events/feed.atom")
    titles = _titles(entries)
    assert "First workshop" in titles and "Still a draft" not in titles
    assert any("Called off" in t and t.startswith("Cancelled:") for t in titles)
    link = entries[-1].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/events/{first.id}")
    content = entries[-1].find(f"{ATOM}content").text
    assert "Madrid" in content and "<strong>co-production</strong>" in content


def test_the_country_feed_keeps_to_its_country(client, make_event):
    make_event(title="In Valencia", country="ES")
    make_event(title="In Amman", country="JO", timezone="Asia/Amman", city="Amman")
    assert _titles(_entries(client, "/events/feed/country/JO.atom")) == ["In Amman"]
    assert client.get("/events/feed/country/XX.atom").status_code == 404
    assert client.get("/events/feed/country/es.atom").status_code == 404


def test_the_feed_speaks_the_readers_language_and_isolates_titles(client, make_event):
    event = make_event(title="ورشة العمل", language="ar")
    services.cancel_event(event, actor=event.created_by)
    db.session.commit()
    client.post("/language", data={"locale": "es"})
    feed = ET.fromstring(client.get("/events/feed.atom").data)  # noqa: S314 -- our own feed
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    title = _titles(feed.findall(f"{ATOM}entry"))[0]
    assert "\u2068ورشة العمل\u2069" in title


def test_the_events_page_links_its_feeds(client, make_event):
    make_event(country="ES")
    page = client.get("/events/").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert "/events/feed.atom" in page
    page = client.get("/events/?country=ES").get_data(as_text=True)
    assert "/events/feed/country/ES.atom" in page
    assert "/events/feed/country/" not in client.get("/events/?country=X1").get_data(as_text=True)


# The home page


def test_the_home_page_shows_the_next_published_events(client, make_event):
    soon = make_event(title="Soonest workshop", starts_at=_at(days=3))
    later = make_event(title="Later workshop", starts_at=_at(days=20))
    make_event(title="A draft", published=False)
    gone = make_event(title="Called off", starts_at=_at(days=4))
    services.cancel_event(gone, actor=gone.created_by)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Next events" in page
    assert page.index(f'/events/{soon.id}"') < page.index(f'/events/{later.id}"')
    assert "A draft" not in page and f'/events/{gone.id}"' not in page


def _home(client) -> str:
    """The home page, its narrow no-break spaces ("8:00\u202fAM") made plain."""
    return client.get("/").get_data(as_text=True).replace("\u202f", " ").replace("\xa0", " ")


def _at(**delta) -> datetime:
    return (datetime.now(UTC) + timedelta(**delta)).replace(microsecond=0)


def test_the_home_page_gives_each_reader_their_time_and_keeps_it_out_of_the_cache(
    client, login, make_member, make_event
):
    make_event(title="Workshop in Madrid", starts_at=datetime(2099, 7, 1, 8, tzinfo=UTC))
    amman = make_member(display_name="Reader in Amman", country="JO")
    lisbon = make_member(display_name="Reader in Lisbon", country="PT")
    client.get("/")  # a visitor's page and regions are cached first (UTC)
    visitor = _home(client)
    utc, amman_time, lisbon_time = "8:00 AM – 11:00 AM", "11:00 AM – 2:00 PM", "9:00 AM – 12:00 PM"
    assert utc in visitor  # the visitors' zone is UTC
    login(amman)
    page = _home(client)
    assert amman_time in page and utc not in page  # Amman, UTC+3
    client.post("/auth/sign-out")
    login(lisbon)
    page = _home(client)
    assert lisbon_time in page and amman_time not in page  # Lisbon, summer time
    client.post("/auth/sign-out")
    page = _home(client)
    assert utc in page and amman_time not in page and lisbon_time not in page
    assert db.session.get(Member, amman.id).timezone is None  # from the country


@pytest.fixture
def count_queries(app, no_page_cache):
    from sqlalchemy import event as sa_event

    from cop.extensions import cache

    def count(path) -> int:
        cache.clear()
        statements = []

        def note(*_args):
            statements.append(1)

        sa_event.listen(db.engine, "before_cursor_execute", note)
        try:
            assert client_get(path).status_code == 200
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", note)
        return len(statements)

    client_get = app.test_client().get
    return count


def test_the_home_page_runs_a_fixed_number_of_queries(count_queries, make_event):
    make_event(title="One")
    first = count_queries("/")
    for n in range(8):
        make_event(title=f"Workshop {n}")
    assert count_queries("/") == first
