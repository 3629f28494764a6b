"""Reactions and answers through their services, receivers and registries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cop.members.contributions import export_parts, run_closing_steps
from cop.moderation import content_actions
from cop.notifications.messages import describe
from cop.notifications.models import Kind, Notification
from cop.reactions import answers, policy, queries, services
from cop.reactions.models import PostReaction
from cop.threads import services as thread_services
from tests.reactions.conftest import posts_of


def _reactions(db) -> int:
    return db.session.scalar(select(func.count(PostReaction.id)))


def _notices(db, kind: Kind) -> list[Notification]:
    return db.session.scalars(select(Notification).where(Notification.kind == kind.value)).all()


def test_a_reaction_is_added_once_and_taken_back(db, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    reader = make_member()
    assert services.add_reaction(reply, reader, "thanks") is True
    assert services.add_reaction(reply, reader, "thanks") is False
    assert services.add_reaction(reply, reader, "helpful") is True
    db.session.commit()
    assert _reactions(db) == 2
    assert queries.counts_for([reply.id]) == {reply.id: {"thanks": 1, "helpful": 1}}
    assert services.remove_reaction(reply, reader, "thanks") is True
    assert services.remove_reaction(reply, reader, "thanks") is False
    db.session.commit()
    assert queries.counts_for([reply.id]) == {reply.id: {"helpful": 1}}


def test_an_unknown_kind_is_refused(db, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    with pytest.raises(ValueError):
        services.add_reaction(reply, make_member(), "love")


def test_members_react_to_others_posts_only_and_never_to_hidden_ones(db, qa_thread, people):
    opening, reply, _ = posts_of(qa_thread)
    who = people()
    assert policy.can_react(who["member"], reply)
    assert not policy.can_react(qa_thread.replier, reply)  # their own post
    assert not policy.can_react(who["suspended"], reply)
    assert not policy.can_react(None, reply)
    content_actions.hide_content(reply, moderator=who["moderator"], reason="spam")
    db.session.commit()
    assert not policy.can_react(who["member"], reply)
    assert policy.can_react(who["member"], opening)


def test_reactions_notify_the_author_once_per_post_and_hour(db, qa_thread, make_member, app):
    _, reply, other = posts_of(qa_thread)
    first, second, third = make_member(display_name="Ana"), make_member(), make_member()
    services.add_reaction(reply, first, "thanks")
    services.add_reaction(reply, second, "helpful")
    services.add_reaction(reply, third, "agree")
    services.add_reaction(other, first, "agree")  # another post: its own notice
    db.session.commit()
    notices = _notices(db, Kind.REACTION)
    assert sorted(n.target_id for n in notices) == sorted([reply.id, other.id])
    grouped = next(n for n in notices if n.target_id == reply.id)
    assert grouped.payload["count"] == 3 and grouped.actor_id == third.id
    with app.test_request_context():
        assert "2 other members reacted" in describe(grouped)
    # An hour later a new reaction makes a new notice.
    grouped.created_at = grouped.created_at - timedelta(hours=1, minutes=1)
    db.session.commit()
    services.add_reaction(reply, make_member(), "thanks")
    db.session.commit()
    assert len([n for n in _notices(db, Kind.REACTION) if n.target_id == reply.id]) == 2


def test_nobody_is_told_of_a_reaction_taken_back_or_repeated(db, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    reader = make_member()
    services.add_reaction(reply, reader, "thanks")
    services.remove_reaction(reply, reader, "thanks")
    services.add_reaction(reply, reader, "thanks")
    db.session.commit()
    (notice,) = _notices(db, Kind.REACTION)
    assert notice.payload["count"] == 2  # two reactions sent, one notice


def test_marking_an_answer_tells_its_author(db, qa_thread, app):
    _, reply, other = posts_of(qa_thread)
    assert answers.mark_answer(qa_thread, reply, actor=qa_thread.author) is True
    assert answers.mark_answer(qa_thread, reply, actor=qa_thread.author) is False
    db.session.commit()
    assert qa_thread.answer_post_id == reply.id
    (notice,) = _notices(db, Kind.ANSWER)
    assert notice.recipient_id == qa_thread.replier.id
    with app.test_request_context():
        assert "as the answer" in describe(notice)
    assert answers.mark_answer(qa_thread, other, actor=qa_thread.author) is True
    db.session.commit()
    assert qa_thread.answer_post_id == other.id
    assert answers.unmark_answer(qa_thread, actor=qa_thread.author) is True
    assert answers.unmark_answer(qa_thread) is False


def test_the_question_itself_is_no_answer(db, qa_thread):
    opening, _, _ = posts_of(qa_thread)
    with pytest.raises(ValueError):
        answers.mark_answer(qa_thread, opening, actor=qa_thread.author)


def test_hiding_or_deleting_the_answer_unmarks_it(db, qa_thread, people):
    _, reply, other = posts_of(qa_thread)
    moderator = people()["moderator"]
    answers.mark_answer(qa_thread, reply, actor=qa_thread.author)
    db.session.commit()
    content_actions.hide_content(reply, moderator=moderator, reason="off topic")
    db.session.commit()
    assert qa_thread.answer_post_id is None
    answers.mark_answer(qa_thread, other, actor=moderator)
    db.session.commit()
    thread_services.delete_post(other, actor=qa_thread.replier)
    db.session.commit()
    assert qa_thread.answer_post_id is None


def test_only_the_asker_or_a_moderator_marks_and_only_in_qa_tables(
    db, qa_thread, people, make_thread
):
    who = people()
    assert policy.can_mark_answer(qa_thread.author, qa_thread)
    assert policy.can_mark_answer(who["moderator"], qa_thread)
    assert policy.can_mark_answer(who["admin"], qa_thread)
    assert not policy.can_mark_answer(who["member"], qa_thread)
    assert not policy.can_mark_answer(who["suspended"], qa_thread)
    assert not policy.can_mark_answer(None, qa_thread)
    plain = make_thread()
    assert not policy.can_mark_answer(plain.author, plain)
    assert not policy.can_mark_answer(who["moderator"], plain)


def test_reactions_are_exported_and_deleted_with_the_account(db, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    reader = make_member()
    services.add_reaction(reply, reader, "helpful")
    db.session.commit()
    parts = {part.name: part for part in export_parts(reader)}
    assert parts["reactions"].data["reactions"][0]["reaction"] == "helpful"
    assert parts["reactions"].data["reactions"][0]["thread_title"] == qa_thread.title
    run_closing_steps(reader, delete_posts=False)
    db.session.commit()
    assert _reactions(db) == 0
    assert "reactions" not in {part.name for part in export_parts(reader)}


def test_deleting_the_posts_of_a_closing_member_unmarks_their_answer(db, qa_thread):
    _, reply, _ = posts_of(qa_thread)
    answers.mark_answer(qa_thread, reply, actor=qa_thread.author)
    db.session.commit()
    run_closing_steps(qa_thread.replier, delete_posts=True)
    db.session.commit()
    assert qa_thread.answer_post_id is None


def test_reactions_follow_a_split_and_the_answer_split_away_is_unmarked(db, qa_thread, people):
    from cop.moderation import threadops

    _, _reply, other = posts_of(qa_thread)
    reader = people()["member"]
    services.add_reaction(other, reader, "agree")
    answers.mark_answer(qa_thread, other, actor=qa_thread.author)
    db.session.commit()
    new = threadops.split_thread(
        qa_thread, posts=[other], title="Statutes first", moderator=people()["moderator"], reason=""
    )
    db.session.commit()
    assert qa_thread.answer_post_id is None
    assert queries.reader_reactions(reader, new.id) == {(other.id, "agree")}
    assert queries.reader_reactions(reader, qa_thread.id) == frozenset()
