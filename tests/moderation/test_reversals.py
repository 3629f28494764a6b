"""Nothing is destroyed: every hide, move, merge and split is undone, and audited."""

from __future__ import annotations

from sqlalchemy import select

from cop.moderation import content_actions, sanctions, threadops
from cop.moderation.models import ModerationEvent
from cop.threads import listing
from cop.threads.models import Post, Thread


def _positions(db, thread):
    return [
        (p.id, p.position)
        for p in db.session.scalars(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.position)
        )
    ]


def _actions(db):
    return [
        e.action for e in db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id))
    ]


def test_hiding_and_showing_a_post_thread_and_resource_is_reversible(db, scene, moderator):
    for target in (scene["post"], scene["thread"], scene["resource"]):
        assert content_actions.hide_content(target, moderator=moderator, reason="Off topic here")
        assert not content_actions.hide_content(target, moderator=moderator, reason="again")
        assert content_actions.show_content(target, moderator=moderator, reason="On reflection")
    db.session.commit()
    assert not scene["post"].is_hidden and not scene["thread"].is_hidden
    assert not scene["resource"].is_removed
    assert _actions(db) == [
        "hide_post", "unhide_post", "hide_thread", "unhide_thread", "hide_resource", "unhide_resource",
    ]  # fmt: skip
    event = db.session.scalars(select(ModerationEvent)).first()
    assert event.reason == "Off topic here" and event.actor_name == "Mona Moderator"


def test_a_hidden_post_keeps_its_words_and_its_reason(db, scene, moderator):
    content_actions.hide_content(scene["post"], moderator=moderator, reason="Personal data")
    db.session.commit()
    db.session.refresh(scene["post"])
    assert scene["post"].body_source == "Reply 1"
    assert scene["post"].moderation_reason == "Personal data"


def test_moving_a_thread_updates_both_tables_and_can_be_undone(db, scene, moderator, make_category):
    thread = scene["thread"]
    source = thread.category
    target = make_category()
    threadops.move_thread(thread, moderator=moderator, category=target, reason="Better there")
    db.session.commit()
    assert (source.thread_count, source.post_count) == (0, 0)
    assert (target.thread_count, target.post_count) == (1, 3)
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "move_thread")
    )
    assert threadops.undo_event(event, moderator=moderator)
    db.session.commit()
    assert thread.category_id == source.id
    assert (source.thread_count, source.post_count) == (1, 3)
    assert target.thread_count == 0


def test_merging_moves_the_posts_and_the_audit_log_splits_them_back(
    db, scene, moderator, make_thread
):
    source = scene["thread"]
    into = make_thread(replies=1, category=source.category)
    before_source, before_into = _positions(db, source), _positions(db, into)
    threadops.merge_thread(source, into=into, moderator=moderator, reason="Same question")
    db.session.commit()
    assert _positions(db, source) == []
    assert [pos for _id, pos in _positions(db, into)] == [1, 2, 3, 4, 5]
    assert into.reply_count == 4
    assert source.merged_into_id == into.id
    # Members following an old link land on the merged thread; lists forget the trace.
    listed = listing.list_threads(None, listing.ThreadFilter(), 1).items
    assert source not in listed and into in listed
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "merge_thread")
    )
    assert threadops.undo_event(event, moderator=moderator, reason="Not the same")
    db.session.commit()
    assert _positions(db, source) == before_source
    assert _positions(db, into) == before_into
    assert source.merged_into_id is None and not source.is_hidden
    assert source.reply_count == 2 and into.reply_count == 1
    assert not threadops.undo_event(event, moderator=moderator)  # only once
    assert _actions(db)[-1] == "unmerge_thread"


def test_splitting_replies_makes_a_thread_and_can_be_merged_back(db, scene, moderator):
    source = scene["thread"]
    before = _positions(db, source)
    new = threadops.split_thread(
        source,
        posts=[scene["replies"][1]],
        title="A new topic",
        moderator=moderator,
        reason="Own topic",
    )
    db.session.commit()
    assert [pos for _id, pos in _positions(db, new)] == [1]
    assert new.title == "A new topic" and new.reply_count == 0
    assert source.reply_count == 1
    assert source.category.thread_count == 2
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "split_thread")
    )
    assert threadops.undo_event(event, moderator=moderator)
    db.session.commit()
    assert _positions(db, source) == before
    assert source.reply_count == 2
    assert db.session.get(Thread, new.id).merged_into_id == source.id


def test_merging_a_thread_into_itself_is_refused(db, scene, moderator):
    import pytest

    with pytest.raises(threadops.ThreadOperationError):
        threadops.merge_thread(
            scene["thread"], into=scene["thread"], moderator=moderator, reason=""
        )


def test_the_audit_log_outlives_the_moderator_and_the_member(db, scene, moderator):
    from cop.members.services import close_account

    sanctions.warn_member(scene["author"], moderator=moderator, message="Be kind")
    content_actions.hide_content(scene["post"], moderator=moderator, reason="Rude")
    db.session.commit()
    close_account(scene["author"], delete_posts=True)
    close_account(moderator, delete_posts=False)
    db.session.commit()
    db.session.expire_all()
    events = db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id)).all()
    assert [e.action for e in events][:2] == ["warn_member", "hide_post"]
    assert events[0].actor_id is None and events[0].actor_name == "Mona Moderator"
    assert events[0].target_label.startswith("Thread Author")


def test_a_moderators_edit_of_a_post_is_kept_in_history_and_audited(db, scene, moderator):
    from cop.threads import services as thread_services
    from cop.threads.models import PostRevision

    post = scene["post"]
    thread_services.edit_post(post, editor=moderator, body="Reply 1, without the phone number")
    thread_services.edit_post(post, editor=scene["author"], body="Reply 1, my own edit")
    db.session.commit()
    assert _count_revisions(db, post) == 2
    assert [e.action for e in db.session.scalars(select(ModerationEvent))] == ["edit_post"]
    assert (
        db.session.scalar(select(PostRevision.body_source).order_by(PostRevision.id)) == "Reply 1"
    )


def _count_revisions(db, post):
    from sqlalchemy import func

    from cop.threads.models import PostRevision

    return db.session.scalar(
        select(func.count(PostRevision.id)).where(PostRevision.post_id == post.id)
    )
