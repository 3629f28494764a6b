"""Merging a long thread: locked at once, merged by the cron command, undoable after."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from cop.jobs import runner
from cop.jobs.models import Job
from cop.members.models import Role
from cop.moderation.models import ModerationEvent
from cop.threads.models import Post, Thread


@pytest.fixture
def long_threads(app, monkeypatch, make_thread):
    """Threads of 3 posts count as long here: merged in the background."""
    monkeypatch.setitem(app.config, "MODERATION_MERGE_IN_REQUEST_POSTS", 2)
    return make_thread(replies=2, title="Long one"), make_thread(title="Target")


def _merge(client, source, into):
    return client.post(
        f"/moderation/thread/{source.id}/merge", data={"target": into.id, "reason": "Same topic"}
    )


def test_a_long_thread_is_locked_at_once_and_merged_by_the_command(
    client, login_as, make_member, long_threads, db
):
    source, into = long_threads
    source_id, into_id = source.id, into.id
    login_as(make_member(role=Role.MODERATOR))
    response = _merge(client, source, into)
    assert response.status_code == 302
    assert re.search(rf"/threads/{source_id}(\D|$)", response.headers["Location"])
    db.session.expire_all()
    waiting = db.session.get(Thread, source_id)
    assert waiting.is_locked and waiting.merged_into_id is None  # nobody replies meanwhile
    assert runner.run_due() == 1
    db.session.expire_all()
    merged = db.session.get(Thread, source_id)
    assert merged.merged_into_id == into_id and not merged.is_locked
    assert db.session.scalar(select(func.count()).where(Post.thread_id == into_id)) == 4
    event = db.session.scalars(
        select(ModerationEvent).where(ModerationEvent.action == "merge_thread")
    ).one()
    assert event.reason == "Same topic" and event.actor_id is not None


def test_pressing_merge_twice_makes_one_job(client, login_as, make_member, long_threads, db):
    source, into = long_threads
    login_as(make_member(role=Role.MODERATOR))
    _merge(client, source, into)
    _merge(client, source, into)
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


def test_nothing_is_merged_if_the_target_went_meanwhile(
    client, login_as, make_member, long_threads, db
):
    source, into = long_threads
    source_id = source.id
    login_as(make_member(role=Role.MODERATOR))
    _merge(client, source, into)
    db.session.delete(db.session.get(Thread, into.id))
    db.session.commit()
    assert runner.run_due() == 1
    db.session.expire_all()
    kept = db.session.get(Thread, source_id)
    assert kept.merged_into_id is None and not kept.is_locked


def test_a_short_thread_is_still_merged_in_the_request(
    client, login_as, make_member, make_thread, db
):
    source, into = make_thread(replies=1), make_thread()
    login_as(make_member(role=Role.MODERATOR))
    response = _merge(client, source, into)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Thread, source.id).merged_into_id == into.id
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_merging_a_thread_merged_already_is_refused_with_a_message(
    client, login_as, make_member, make_thread, db
):
    source, first, second = make_thread(), make_thread(), make_thread()
    login_as(make_member(role=Role.MODERATOR))
    _merge(client, source, first)
    response = _merge(client, source, second)
    assert response.status_code == 302
    page = client.get(response.headers["Location"], follow_redirects=True)
    assert "This thread was merged already." in page.get_data(as_text=True)
