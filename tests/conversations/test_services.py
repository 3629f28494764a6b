"""Conversation services, called directly: they add and flush, the test commits."""

from __future__ import annotations

from cop import signals
from cop.conversations import accounts, blocks, policy, queries, reports, services
from cop.conversations.models import Conversation, ConversationParticipant, Message
from cop.conversations.policy import Reason
from cop.members.models import Role
from cop.threads import services as thread_services


def test_a_new_conversation_has_its_members_and_first_message_read_by_its_writer(
    db, make_member, make_conversation
):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar], body="**Hello**")
    message = db.session.scalar(db.select(Message))
    assert message.body_html == "<p><strong>Hello</strong></p>"
    assert conversation.message_count == 1
    assert queries.unread_conversations(ana) == 0
    assert queries.unread_conversations(omar) == 1


def test_messages_are_sanitized_like_posts(db, make_member, make_conversation):
    conversation = make_conversation(body="<script>alert(1)</script> [x](javascript:alert(1))")
    html = db.session.scalar(db.select(Message.body_html))
    assert "<script" not in html and 'href="javascript' not in html
    assert conversation.id


def test_unread_counts_follow_each_members_last_read_mark(db, make_member, make_conversation):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar])
    services.send_message(conversation, author=ana, body="Second")
    db.session.commit()
    row = queries.list_conversations(omar, 1).items[0]
    assert row.unread == 2 and [m.id for m in row.others] == [ana.id]
    services.mark_read(conversation, omar, conversation.last_message_id)
    db.session.commit()
    assert queries.list_conversations(omar, 1).items[0].unread == 0
    assert queries.unread_conversations(omar) == 0


def test_a_member_who_left_no_longer_finds_the_conversation(db, make_member, make_conversation):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar])
    assert services.leave_conversation(conversation, omar) is True
    assert services.leave_conversation(conversation, omar) is False
    db.session.commit()
    assert queries.participation(omar, conversation.id) is None
    assert queries.list_conversations(omar, 1).items == []
    assert queries.participation(ana, conversation.id) is not None


def test_message_sent_names_the_recipients_but_not_the_author(db, make_member, make_conversation):
    ana, omar, lea = make_member(), make_member(), make_member()
    heard = []

    def receiver(message, **kwargs):
        heard.append((message, kwargs))

    with signals.message_sent.connected_to(receiver):
        make_conversation(ana, [omar, lea])
    message, kwargs = heard[0]
    assert message.author_id == ana.id and kwargs["is_new_conversation"] is True
    assert {m.id for m in kwargs["recipients"]} == {omar.id, lea.id}


def test_recipients_are_refused_with_a_reason_each(app, db, make_member, monkeypatch):
    ana, omar, closed, blocker = make_member(), make_member(), make_member(), make_member()
    closed.closed_at = closed.created_at
    blocks.block_member(blocker, ana, hide_posts=False)
    blocks.block_member(ana, omar, hide_posts=False)
    db.session.commit()
    text = f"@{ana.handle}, {omar.handle} {closed.handle} {blocker.handle} nobody_here"
    _members, refusals = policy.resolve_recipients(ana, text)
    found = {(r.reason, r.handle) for r in refusals}
    assert found == {
        (Reason.UNKNOWN, "nobody_here"),
        (Reason.SELF, ana.handle),
        (Reason.YOU_BLOCKED, omar.handle),
        (Reason.CLOSED, closed.handle),
        (Reason.BLOCKED_YOU, blocker.handle),
    }


def test_too_many_participants_are_refused(app, db, make_member, monkeypatch):
    monkeypatch.setitem(app.config, "CONVERSATIONS_MAX_PARTICIPANTS", 3)
    ana = make_member()
    others = [make_member() for _ in range(3)]
    _members, refusals = policy.resolve_recipients(ana, " ".join(m.handle for m in others))
    assert Reason.TOO_MANY in {r.reason for r in refusals}
    _members, refusals = policy.resolve_recipients(ana, " ".join(m.handle for m in others[:2]))
    assert refusals == []


def test_strangers_need_approved_posts_unless_they_shared_a_thread(
    app, db, make_member, make_thread, monkeypatch
):
    monkeypatch.setitem(app.config, "CONVERSATIONS_MIN_POSTS_FOR_STRANGERS", 1)
    newcomer, stranger, neighbour = make_member(), make_member(), make_member()
    moderator = make_member(role=Role.MODERATOR)
    assert [r.reason for r in policy.check_recipients(newcomer, [stranger])] == [Reason.STRANGER]
    assert policy.check_recipients(moderator, [stranger]) == []
    thread = make_thread(author=neighbour)
    thread_services.reply_to_thread(author=newcomer, thread=thread, body="Hi there", language="en")
    db.session.commit()
    # A shared thread is enough; and the reply is an approved post, so strangers too.
    assert policy.check_recipients(newcomer, [neighbour]) == []
    assert policy.check_recipients(newcomer, [stranger]) == []


def test_a_report_opens_that_conversation_to_moderators_and_the_reading_is_signalled(
    db, make_member, make_conversation
):
    ana, omar, moderator = make_member(), make_member(), make_member(role=Role.MODERATOR)
    conversation = make_conversation(ana, [omar])
    message = db.session.scalar(db.select(Message))
    report = reports.report_message(message, reporter=omar, reason="Rude")
    again = reports.report_message(message, reporter=omar, reason="Rude again")
    db.session.commit()
    assert again.id == report.id
    seen = []
    with signals.conversation_viewed_by_moderator.connected_to(
        lambda sender, **kw: seen.append((sender, kw))
    ):
        reports.record_moderator_view(report, moderator)
    assert seen[0][0].id == conversation.id and seen[0][1]["moderator"] is moderator
    assert reports.resolve_report(report, moderator=moderator) is True
    assert reports.resolve_report(report, moderator=moderator) is False


def test_blocking_twice_keeps_one_block_with_the_latest_option(db, make_member):
    ana, omar = make_member(), make_member()
    blocks.block_member(ana, omar, hide_posts=False)
    blocks.block_member(ana, omar, hide_posts=True)
    db.session.commit()
    assert [b.hide_posts for b in blocks.blocks_of(ana)] == [True]
    assert blocks.hidden_authors(ana) == {omar.id}
    assert blocks.unblock_member(ana, omar.id) is True
    assert blocks.unblock_member(ana, omar.id) is False


def test_the_export_holds_every_conversation_with_all_its_messages(
    db, make_member, make_conversation
):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar], subject="Plans", body="Mine")
    services.send_message(conversation, author=omar, body="Theirs")
    db.session.commit()
    [exported] = accounts.member_conversations_for_export(ana)
    assert exported["subject"] == "Plans"
    assert exported["participants"] == [omar.handle]
    assert [(m["author"], m["body"]) for m in exported["messages"]] == [
        ("me", "Mine"),
        (omar.handle, "Theirs"),
    ]


def test_closing_an_account_anonymizes_its_messages_for_the_others(
    db, make_member, make_conversation
):
    ana, omar, lea = make_member(), make_member(), make_member()
    shared = make_conversation(ana, [omar], body="From Ana")
    alone = make_conversation(ana, [lea], body="To Lea")
    services.leave_conversation(alone, lea)
    db.session.commit()
    blocks.block_member(omar, ana, hide_posts=True)
    accounts.anonymize_member_conversations(ana)
    db.session.commit()
    db.session.expire_all()
    kept = db.session.get(Conversation, shared.id)
    assert kept is not None and kept.started_by_id is None
    message = db.session.scalar(db.select(Message).where(Message.conversation_id == shared.id))
    assert message.author_id is None and message.body_source == "From Ana"
    assert queries.participation(omar, shared.id) is not None
    # Lea left it, but her place is kept (her export still holds it).
    assert db.session.get(Conversation, alone.id) is not None
    assert (
        db.session.scalar(
            db.select(db.func.count()).where(ConversationParticipant.member_id == ana.id)
        )
        == 0
    )
    assert blocks.blocks_of(omar) == []
