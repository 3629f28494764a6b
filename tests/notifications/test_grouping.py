"""Notices of one kind on one thread are one group: counted, marked read together,
emailed once while pending (cop.notifications.grouping)."""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from cop.extensions import db as _db
from cop.notifications import digests, messages, services
from cop.notifications.models import Kind, Mode, Notification
from cop.notifications.outbox import deliver_immediate
from cop.threads import reading
from cop.threads import services as threads
from cop.threads.models import Post
from tests.notifications.conftest import notifications_of


def _reply(db, author, thread, body="A reply"):
    post = threads.reply_to_thread(author=author, thread=thread, body=body, language="en")
    db.session.commit()
    return post


def test_replies_in_one_thread_make_one_group_naming_the_latest_author(
    app, db, make_member, make_thread
):
    reader = make_member()
    ana, omar = make_member(display_name="Ana"), make_member(display_name="عمر")
    thread = make_thread(author=reader, title="Économie sociale")
    first = _reply(db, ana, thread)
    _reply(db, ana, thread)
    last = _reply(db, omar, thread)
    (group,) = notifications_of(db, reader)
    assert (group.item_count, group.actor_id) == (3, omar.id)
    assert (group.target_id, group.latest_target_id) == (first.id, last.id)
    with app.test_request_context(), force_locale("en"):
        sentence = messages.describe(group)
        link = messages.link_for(group)
    assert sentence == (
        "3 new replies in “\u2068Économie sociale\u2069”, the latest by \u2068عمر\u2069."
    )
    assert link.endswith(f"/threads/posts/{first.id}")  # the first of them


def test_the_sentence_is_translated_with_plural_forms(app, db, make_member, make_thread):
    reader, other = make_member(), make_member()
    thread = make_thread(author=reader, title="T")
    for _ in range(3):
        _reply(db, other, thread)
    (group,) = notifications_of(db, reader)
    for locale in ("es", "pt", "el", "ar", "fr"):
        with app.test_request_context(), force_locale(locale):
            sentence = messages.describe(group)
        assert "new replies" not in sentence and "3" in sentence, locale


def test_kinds_stay_apart_and_other_threads_are_other_groups(db, make_member, make_thread):
    reader, other = make_member(), make_member()
    thread = make_thread(author=reader)
    second = make_thread(author=reader)
    _reply(db, other, thread)
    _reply(db, other, thread, body=f"Hello @{reader.handle}")
    _reply(db, other, second)
    kinds = sorted((n.kind, n.item_count) for n in notifications_of(db, reader))
    assert kinds == [("mention", 1), ("reply", 1), ("reply", 1)]


def test_a_group_read_is_closed_and_the_next_reply_starts_a_new_one(
    db, client, login, make_member, make_thread
):
    reader, other = make_member(), make_member()
    thread = make_thread(author=reader)
    _reply(db, other, thread)
    _reply(db, other, thread)
    (group,) = notifications_of(db, reader)
    login(reader)
    assert client.post(f"/notifications/{group.id}/read").status_code == 302
    _reply(db, other, thread)
    older, newer = notifications_of(db, reader)
    assert older.read_at is not None and older.item_count == 2
    assert newer.read_at is None and newer.item_count == 1


def test_reading_the_thread_itself_closes_its_group(db, make_member, make_thread):
    reader, other = make_member(), make_member()
    thread = make_thread(author=reader)
    post = _reply(db, other, thread)
    reading.mark_thread_read(reader, thread, post.id)
    db.session.commit()
    _reply(db, other, thread)
    older, newer = notifications_of(db, reader)
    assert older.read_at is not None and (newer.read_at, newer.item_count) == (None, 1)


def test_a_pending_group_is_emailed_once_and_later_replies_wait_until_read(
    app, db, outbox, make_member, make_thread
):
    reader, other = make_member(), make_member()
    services.set_email_modes(reader, {Kind.REPLY: Mode.IMMEDIATE})
    thread = make_thread(author=reader, title="Water")
    for _ in range(3):
        threads.reply_to_thread(author=other, thread=thread, body="x", language="en")
    db.session.commit()
    with app.test_request_context():
        assert deliver_immediate() == 1
    (email,) = outbox
    assert "3 new replies in “\u2068Water\u2069”" in email.subject
    _reply(db, other, thread)
    with app.test_request_context():
        assert deliver_immediate() == 0  # emailed already: the group waits to be read
    (group,) = notifications_of(db, reader)
    assert group.item_count == 4 and len(outbox) == 1


def test_a_digest_reopens_a_group_that_grew_after_it_was_sent(
    app, db, outbox, make_member, make_thread
):
    reader, other = make_member(), make_member()
    services.set_email_modes(reader, {Kind.REPLY: Mode.DAILY})
    thread = make_thread(author=reader)
    _reply(db, other, thread)
    _reply(db, other, thread)
    with app.test_request_context():
        assert digests.send_digests("daily") == 1
    (group,) = notifications_of(db, reader)
    assert group.emailed_at is not None
    _reply(db, other, thread)
    (group,) = notifications_of(db, reader)
    assert group.emailed_at is None and group.digest_batch_id is None and group.item_count == 3


def test_hiding_one_post_of_a_group_counts_it_out(db, make_member, make_thread):
    from cop import signals

    reader, other = make_member(), make_member()
    thread = make_thread(author=reader)
    _reply(db, other, thread)
    second = _reply(db, other, thread)
    signals.post_deleted.send(second)
    db.session.commit()
    (group,) = notifications_of(db, reader)
    assert group.item_count == 1


def test_a_fan_out_costs_the_same_queries_for_three_or_thirty_watchers(
    db, make_member, make_thread, count_queries
):
    from cop.watching import services as watches
    from cop.watching.models import TargetType

    def fan_out(watchers: int) -> int:
        author, writer = make_member(), make_member()
        thread = make_thread(author=author)
        for _ in range(watchers):
            watches.ensure_watch(make_member().id, TargetType.THREAD, thread.id)
        _db.session.commit()
        _reply(db, writer, thread)  # the writer's own watch is made
        with count_queries() as statements:
            _reply(db, writer, thread)
        return len(statements)

    assert fan_out(3) == fan_out(30)


def test_a_unique_index_keeps_one_unread_group_per_kind_and_thread(db, make_member, make_thread):
    reader, other = make_member(), make_member()
    thread = make_thread(author=reader)
    _reply(db, other, thread)
    _reply(db, other, thread)
    rows = db.session.execute(
        select(Notification.group_key, Notification.item_count).where(
            Notification.recipient_id == reader.id
        )
    ).all()
    assert rows == [(f"thread:{thread.id}", 2)]
    assert db.session.scalar(select(Post.id).where(Post.thread_id == thread.id).limit(1))
