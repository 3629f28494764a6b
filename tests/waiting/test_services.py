"""What counts as waiting for an answer: replies by the author only, hidden, deleted and
pending replies, a marked answer, moved posts; which threads are listed, in which
languages, and the migration's backfill agreeing with the receivers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from cop.members.models import Role
from cop.moderation import content_actions, threadops
from cop.reactions import answers
from cop.threads import services
from cop.threads.models import Post, Thread
from cop.waiting import queries
from cop.waiting.services import first_other_reply_at
from tests.resources.conftest import resource_fields


def _waiting_ids(languages=("en",)) -> list[int]:
    return [t.id for t in queries.waiting_threads(list(languages), 1).items]


def test_a_thread_without_replies_waits(make_thread):
    thread = make_thread()
    assert thread.first_other_reply_at is None
    assert _waiting_ids() == [thread.id]


def test_replies_by_the_author_alone_leave_the_thread_waiting(db, make_thread, reply):
    thread = make_thread()
    reply(thread, thread.author)
    reply(thread, thread.author)
    assert thread.reply_count == 2
    assert _waiting_ids() == [thread.id]


def test_a_reply_by_another_member_answers_the_thread(db, make_member, make_thread, reply):
    thread = make_thread()
    post = reply(thread, make_member())
    assert thread.first_other_reply_at == post.created_at
    assert _waiting_ids() == []


def test_a_hidden_reply_does_not_answer_and_showing_it_again_does(
    db, make_member, make_thread, reply
):
    moderator = make_member(role=Role.MODERATOR)
    thread = make_thread()
    post = reply(thread, make_member())
    content_actions.hide_content(post, moderator=moderator, reason="Off topic")
    db.session.commit()
    assert _waiting_ids() == [thread.id]
    content_actions.show_content(post, moderator=moderator)
    db.session.commit()
    assert _waiting_ids() == []


def test_a_deleted_reply_does_not_answer_and_restoring_it_does(db, make_member, make_thread, reply):
    thread = make_thread()
    other = make_member()
    post = reply(thread, other)
    services.delete_post(post, actor=other)
    db.session.commit()
    assert _waiting_ids() == [thread.id]
    services.restore_post(post, actor=make_member(role=Role.MODERATOR))
    db.session.commit()
    assert _waiting_ids() == []


def test_a_reply_awaiting_approval_answers_once_approved(
    db, make_member, make_thread, reply, monkeypatch
):
    thread = make_thread()
    monkeypatch.setattr(services, "needs_approval", lambda author, body: True)
    post = reply(thread, make_member())
    assert post.is_pending and _waiting_ids() == [thread.id]
    content_actions.approve_content(post, moderator=make_member(role=Role.MODERATOR))
    db.session.commit()
    assert _waiting_ids() == []


def test_a_rejected_reply_leaves_the_thread_waiting(
    db, make_member, make_thread, reply, monkeypatch
):
    thread = make_thread()
    monkeypatch.setattr(services, "needs_approval", lambda author, body: True)
    post = reply(thread, make_member())
    content_actions.reject_content(post, moderator=make_member(role=Role.MODERATOR), reason="No")
    db.session.commit()
    assert _waiting_ids() == [thread.id]


def test_a_marked_answer_in_a_qa_table_counts_even_by_the_author(
    db, make_category, make_thread, reply
):
    table = make_category()
    table.is_qa = True
    thread = make_thread(category=table)
    own = reply(thread, thread.author, body="I found it myself")
    assert _waiting_ids() == [thread.id]
    answers.mark_answer(thread, own, actor=thread.author)
    db.session.commit()
    assert _waiting_ids() == []


def test_merging_brings_another_members_reply_and_splitting_takes_it_away(
    db, make_member, make_thread, reply
):
    moderator = make_member(role=Role.MODERATOR)
    author = make_member()
    waiting = make_thread(author=author, title="Waiting here")
    other = make_thread(title="By someone else")  # its opening post is another's
    threadops.merge_thread(other, into=waiting, moderator=moderator, reason="Same topic")
    db.session.commit()
    assert waiting.first_other_reply_at is not None
    moved = [
        p
        for p in db.session.scalars(select(Post).where(Post.thread_id == waiting.id))
        if p.author_id != author.id
    ]
    threadops.split_thread(
        waiting, posts=moved, title="Split away again", moderator=moderator, reason="Apart"
    )
    db.session.commit()
    assert waiting.first_other_reply_at is None
    assert waiting.id in _waiting_ids()


def test_hidden_pending_locked_merged_and_archived_threads_are_left_out(
    db, make_category, make_thread
):
    shown = make_thread(title="Shown")
    make_thread(title="Hidden", is_hidden=True)
    make_thread(title="Pending", is_pending=True)
    make_thread(title="Locked", is_locked=True)
    make_thread(title="Merged", merged_into_id=shown.id)
    make_thread(title="Archived", category=make_category(is_archived=True))
    assert _waiting_ids() == [shown.id]


def test_the_list_is_oldest_first_in_the_languages_asked(db, make_thread):
    older = make_thread(language="el")
    make_thread(language="ar")
    newer = make_thread(language="en")
    older.created_at = newer.created_at.replace(year=newer.created_at.year - 1)
    db.session.commit()
    assert _waiting_ids(("en", "el")) == [older.id, newer.id]
    assert _waiting_ids(("fr",)) == []


def test_a_reader_reads_the_interface_language_then_their_profiles(app, make_member, reads):
    member = reads(make_member(locale="fr"), "el", "fr", "ar")
    assert queries.reader_languages(member, "fr") == ["fr", "ar", "el"]
    assert queries.reader_languages(None, "es") == ["es"]


def test_the_digest_leaves_out_the_members_own_threads(db, make_member, make_thread, reads):
    reader = reads(make_member(locale="es"), "el")
    mine = make_thread(author=reader, language="es")
    theirs = make_thread(language="el")
    make_thread(language="ar")
    assert [t.id for t in queries.digest_threads(reader)] == [theirs.id]
    assert mine.id in _waiting_ids(("es",))


def test_waits_by_language_counts_and_finds_the_oldest(db, make_thread, make_member, reply):
    first = make_thread(language="ar")
    make_thread(language="ar")
    make_thread(language="el")
    reply(make_thread(language="es"), make_member())
    waits = queries.waits_by_language()
    assert [(w.language, w.count) for w in waits] == [("ar", 2), ("el", 1)]
    assert waits[0].oldest == first.created_at


@pytest.fixture
def migration():
    path = Path(__file__).parents[2] / "migrations/versions/0027_waiting_for_an_answer.py"
    spec = importlib.util.spec_from_file_location("migration_0027", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migrations_backfill_agrees_with_the_receivers(
    db, make_member, make_thread, reply, migration
):
    other = make_member()
    answered, alone = make_thread(), make_thread()
    reply(answered, other)
    reply(answered, answered.author)
    reply(alone, alone.author)
    hidden = reply(make_thread(), other)
    hidden.is_hidden = True
    db.session.commit()
    expected = {t.id: first_other_reply_at(t) for t in db.session.scalars(select(Thread))}
    db.session.execute(update(Thread).values(first_other_reply_at=None))
    with Operations.context(MigrationContext.configure(db.session.connection())):
        migration._backfill()
    db.session.commit()
    db.session.expire_all()
    found = {t.id: t.first_other_reply_at for t in db.session.scalars(select(Thread))}
    assert found == expected
    assert found[answered.id] is not None and found[alone.id] is None
    assert sum(1 for value in found.values() if value is None) == 2


def test_the_discussion_a_shared_resource_opens_does_not_wait(db, make_member, make_category):
    from cop.resources import services as resources

    resource = resources.create_resource(
        sharer=make_member(), fields=resource_fields(), category=make_category()
    )
    db.session.commit()
    assert resource.thread_id is not None
    assert _waiting_ids() == []


def test_the_discussion_a_published_event_opens_does_not_wait(db, make_event, make_thread):
    event = make_event()
    assert event.thread_id is not None
    question = make_thread()
    assert _waiting_ids() == [question.id]


def test_refreshing_every_thread_at_once_agrees_with_the_receivers(
    db, make_member, make_thread, reply
):
    from cop.waiting.services import refresh_all_waiting

    other = make_member()
    answered, alone = make_thread(), make_thread()
    reply(answered, other)
    reply(alone, alone.author)
    db.session.execute(update(Thread).values(first_other_reply_at=None))
    refresh_all_waiting()
    db.session.commit()
    assert answered.first_other_reply_at is not None and alone.first_other_reply_at is None
