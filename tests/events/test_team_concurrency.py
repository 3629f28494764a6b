"""Five organisers leaving an event at once: one stays, the event is never left without
an organiser. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.events import team
from cop.events.models import EventOrganiser
from cop.extensions import db
from tests.conftest import build_app, dispose_engines, migrate_to_head
from tests.databases import fresh_database_url
from tests.events.test_concurrency import _event, _members, _press_at_once

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def racing_app(tmp_path_factory):
    """An app whose pool holds a connection for each organiser at once."""
    url = fresh_database_url("team-races", tmp_path_factory.mktemp("team-races"))
    app = build_app(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 10, "max_overflow": 0})
    migrate_to_head(app)
    yield app
    dispose_engines(app)


def _leave(event, member) -> str:
    try:
        return "left" if team.remove_co_organiser(event, member, actor=member) else "not there"
    except team.LastOrganiser:
        db.session.rollback()
        return "last"


def test_organisers_leaving_at_once_keep_one(racing_app):
    with racing_app.app_context():
        event = _event(capacity=10)
        team_members = _members(4)
        for member in team_members:
            team.add_co_organiser(event, member, actor=member)
        db.session.commit()
        event_id = event.id
        ids = list(db.session.scalars(select(EventOrganiser.member_id).where(
            EventOrganiser.event_id == event_id
        )))  # fmt: skip
        db.session.remove()

        results = _press_at_once(racing_app, event_id, ids, _leave)

        assert sorted(results) == ["last", "left", "left", "left", "left"]
        remaining = db.session.scalars(
            select(EventOrganiser.member_id).where(EventOrganiser.event_id == event_id)
        ).all()
        assert len(remaining) == 1
        db.session.remove()
