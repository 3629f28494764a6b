"""Events in the one multilingual search index: the six languages, the kind filter,
and what never leaks (drafts, hidden events); a cancelled event is found, marked.

Run on SQLite (FTS5) and on PostgreSQL (tsvector) with DATABASE_URL: the same results.
"""

from __future__ import annotations

import pytest

from cop.events import services
from cop.extensions import db as _db
from cop.moderation import content_actions
from cop.search.models import SearchDocument
from cop.search.rebuild import rebuild_index
from tests.events.conftest import fields
from tests.search import conftest as search_fixtures
from tests.search.conftest import ids

find = search_fixtures.find  # a fixture

# (language, title, description, a query that must find it, a query that must not)
CASES = [
    ("en", "Workshop on complementary currencies", "Local markets and their currency.",
     "currencies workshops", "cooperativas"),
    ("es", "Taller de cooperativas de cuidados", "La coproducción de servicios sociales.",
     "cooperativa", "moneda"),
    ("pt", "Oficina de formação em economia solidária", "Técnicos municipais e habitação.",
     "oficinas formacao", "moeda"),
    ("el", "Εργαστήριο κοινωνικής οικονομίας", "Συμπαραγωγή με τους δήμους.",
     "ΕΡΓΑΣΤΗΡΙΟ κοινωνικη", "νομισμα"),
    ("ar", "ورشة الاقتصاد التَّضَامُنِيّ", "الإنتاج المشترك للخدمات الاجتماعية.",
     "التضامني", "العملات"),
    ("fr", "Atelier sur les marchés publics", "Les clauses sociales des appels d'offres.",
     "ateliers marches", "monnaie"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "title", "description", "query", "other"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_an_event_is_found_in_each_language(
    make_event,
    find,
    language,
    title,
    description,
    query,
    other,
):
    event = make_event(title=title, description=description, language=language)
    # Its discussion thread says the same: the kind filter shows the event itself.
    assert ids(find(query, kind="event")) == {("event", event.id)}
    assert find(query).counts["event"] == 1
    assert ids(find(other, kind="event")) == set()


def test_the_kind_filter_keeps_events_apart(make_event, find):
    event = make_event(title="Seminario de economía social")
    assert ("event", event.id) not in ids(find("seminario", kind="thread"))
    assert ids(find("seminario", kind="event")) == {("event", event.id)}


def test_drafts_never_enter_the_index(make_event, find):
    draft = make_event(title="Secret rehearsal of the workshop", published=False)
    assert ids(find("rehearsal", kind="event")) == set()
    assert _db.session.query(SearchDocument).filter_by(kind="event").count() == 0
    services.publish_event(draft, actor=draft.created_by, category=_table())
    _db.session.commit()
    assert ids(find("rehearsal", kind="event")) == {("event", draft.id)}


def _table():
    from cop.threads.models import Category

    return _db.session.query(Category).first()


def test_a_hidden_event_leaves_the_index_and_comes_back_when_shown(
    make_event,
    make_member,
    find,
):
    from cop.members.models import Role

    moderator = make_member(role=Role.MODERATOR)
    event = make_event(title="Workshop on procurement clauses")
    content_actions.hide_content(event, moderator=moderator, reason="Spam")
    _db.session.commit()
    assert ids(find("procurement", kind="event")) == set()
    assert ids(find("procurement", kind="event", signed_in=False)) == set()
    content_actions.show_content(event, moderator=moderator)
    _db.session.commit()
    assert ids(find("procurement", kind="event")) == {("event", event.id)}


def test_a_cancelled_event_is_found_marked_cancelled(make_event, find, client):
    event = make_event(title="Webinar on community currencies")
    services.cancel_event(event, actor=event.created_by)
    _db.session.commit()
    results = find("webinar", kind="event")
    assert ids(results) == {("event", event.id)}
    assert results.hits[0].state == "cancelled"
    page = client.get("/search/?q=webinar&kind=event").get_data(as_text=True)
    assert f'href="/events/{event.id}"' in page
    assert "Cancelled" in page


def test_an_edit_is_searchable_at_once(make_event, find):
    event = make_event(title="Workshop in Valencia")
    changed = fields(title="Masterclass in Valencia", starts_at=event.starts_at)
    services.update_event(event, actor=event.created_by, fields=changed, version=event.version)
    _db.session.commit()
    assert ids(find("masterclass", kind="event")) == {("event", event.id)}
    assert ids(find("workshop", kind="event")) == set()


def test_the_reindex_command_writes_events_and_leaves_out_drafts_and_hidden(
    make_event,
    make_member,
    find,
):
    from cop.members.models import Role

    shown = make_event(title="Gathering of the network")
    make_event(title="Gathering draft", published=False)
    hidden = make_event(title="Gathering hidden")
    content_actions.hide_content(
        hidden, moderator=make_member(role=Role.MODERATOR), reason="Off topic"
    )
    _db.session.commit()
    counts = rebuild_index()
    _db.session.commit()
    assert counts["event"] == 3
    assert ids(find("gathering", kind="event")) == {("event", shown.id)}


def test_the_search_page_offers_events_as_a_kind(make_event, client):
    make_event(title="Training day")
    page = client.get("/search/?q=training").get_data(as_text=True)
    assert 'name="kind"' in page
    assert 'value="event"' in page
    assert "/events/" in page
