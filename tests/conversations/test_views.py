"""Conversation pages through the test client: who reaches what, bad input, blocks."""

from __future__ import annotations

import pytest

from cop.conversations import blocks, queries
from cop.conversations.models import Conversation, ConversationReport, Message
from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from tests.corpora import naughty_sample


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_a_member_starts_a_conversation_and_the_other_replies(db, client, make_member, login):
    ana, omar = make_member(display_name="Ana"), make_member(display_name="Omar")
    login(ana)
    response = client.post(
        "/conversations/new",
        data={"recipients": f"@{omar.handle}", "subject": "Our workshop", "body": "Hello *Omar*"},
    )
    assert response.status_code == 302
    conversation = db.session.scalar(db.select(Conversation))
    client.post("/auth/sign-out")
    login(omar)
    assert "unread-count" in client.get("/conversations/").get_data(as_text=True)
    page = client.get(f"/conversations/{conversation.id}").get_data(as_text=True)
    assert "<em>Omar</em>" in page and 'dir="auto"' in page
    response = client.post(f"/conversations/{conversation.id}/reply", data={"body": "Hi Ana"})
    assert response.status_code == 302
    assert _count(db, Message) == 2
    assert queries.unread_conversations(omar) == 0


def test_a_double_press_sends_one_message(db, client, make_member, login, make_conversation):
    ana = make_member()
    conversation = make_conversation(ana)
    login(ana)
    data = {"body": "Once", "client_token": "same-token"}
    for _ in range(2):
        assert client.post(f"/conversations/{conversation.id}/reply", data=data).status_code == 302
    assert _count(db, Message) == 2  # the first message and this one


@pytest.mark.parametrize(
    "path",
    [
        "/conversations/{c}",
        "/conversations/{c}/leave",
        "/conversations/messages/{m}/report",
    ],
)
def test_nobody_outside_a_conversation_finds_it_not_even_a_moderator(
    db, client, make_member, login, make_conversation, path
):
    conversation = make_conversation()
    message_id = db.session.scalar(db.select(Message.id))
    url = path.format(c=conversation.id, m=message_id)
    for outsider in (make_member(), make_member(role=Role.MODERATOR), make_member(role=Role.ADMIN)):
        login(outsider)
        assert client.get(url).status_code == 404, url
        client.post("/auth/sign-out")


@pytest.mark.parametrize(
    "path,data",
    [
        ("/conversations/{c}/reply", {"body": "Intruding"}),
        ("/conversations/{c}/participants", {"recipients": "someone"}),
        ("/conversations/{c}/leave", {"confirmed": "1"}),
        ("/conversations/messages/{m}/report", {"reason": "Looking"}),
    ],
)
def test_state_changes_by_outsiders_are_404_and_change_nothing(
    db, client, make_member, login, make_conversation, path, data
):
    conversation = make_conversation()
    message_id = db.session.scalar(db.select(Message.id))
    login(make_member(role=Role.MODERATOR))
    response = client.post(path.format(c=conversation.id, m=message_id), data=data)
    assert response.status_code == 404
    assert _count(db, Message) == 1 and _count(db, ConversationReport) == 0


PAGES = ["/conversations/", "/conversations/new", "/conversations/blocks"]


@pytest.mark.parametrize("path", PAGES)
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]


def test_a_suspended_member_reads_but_cannot_write(
    db, client, make_member, login, make_conversation
):
    member = make_member()
    conversation = make_conversation(member)
    db.session.add(MemberRestriction(member=member, suspended_until=utcnow().replace(year=2999)))
    db.session.commit()
    login(member)
    assert client.get(f"/conversations/{conversation.id}").status_code == 200
    assert client.get("/conversations/new").status_code == 403
    response = client.post(f"/conversations/{conversation.id}/reply", data={"body": "Hi"})
    assert response.status_code == 403 and _count(db, Message) == 1


@pytest.mark.parametrize(
    "recipients,expected",
    [
        ("{me}", "You cannot start a conversation with yourself."),
        ("nobody_at_all", "No member is called"),
        ("{blocked}", "does not accept messages from you"),
        ("{closed}", "has closed their account"),
        ("", "Write the @name of at least one member."),
    ],
)
def test_bad_recipients_are_refused_with_everything_typed_kept(
    db, client, make_member, login, recipients, expected
):
    me, blocker, closed = make_member(), make_member(), make_member()
    closed.closed_at = utcnow()
    blocks.block_member(blocker, me, hide_posts=False)
    db.session.commit()
    login(me)
    typed = recipients.format(me=me.handle, blocked=blocker.handle, closed=closed.handle)
    response = client.post(
        "/conversations/new",
        data={"recipients": typed, "subject": "Kept subject", "body": "Kept body text"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert expected in page.replace("\u2068", "").replace("\u2069", "")
    assert "Kept subject" in page and "Kept body text" in page
    assert _count(db, Conversation) == 0 and _count(db, Message) == 0


def test_empty_and_oversized_bodies_are_refused(db, client, make_member, login):
    me, other = make_member(), make_member()
    login(me)
    for body in ("", "x" * 20_001):
        response = client.post(
            "/conversations/new",
            data={"recipients": other.handle, "subject": "A subject", "body": body},
        )
        assert response.status_code == 422
    assert _count(db, Conversation) == 0


def test_too_many_participants_are_refused(app, db, client, make_member, login, monkeypatch):
    monkeypatch.setitem(app.config, "CONVERSATIONS_MAX_PARTICIPANTS", 2)
    me, a, b = make_member(), make_member(), make_member()
    login(me)
    response = client.post(
        "/conversations/new",
        data={"recipients": f"{a.handle} {b.handle}", "subject": "Many", "body": "Hello all"},
    )
    assert response.status_code == 422
    assert "at most 2 members" in response.get_data(as_text=True)


def test_naughty_strings_never_break_a_conversation(db, client, make_member, login):
    me, other = make_member(), make_member()
    login(me)
    for n, text in enumerate(naughty_sample(25)):
        response = client.post(
            "/conversations/new",
            data={"recipients": other.handle, "subject": f"S{n} {text}"[:150], "body": text or "x"},
        )
        assert response.status_code in (302, 422), repr(text)
        response = client.post("/conversations/blocks", data={"handle": text or "x"})
        assert response.status_code in (302, 422), repr(text)
    for conversation in db.session.scalars(db.select(Conversation)):
        assert client.get(f"/conversations/{conversation.id}").status_code == 200
    assert client.get("/conversations/").status_code == 200


def test_a_blocked_member_can_no_longer_reply_in_the_blockers_conversation(
    db, client, make_member, login, make_conversation
):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar])
    blocks.block_member(ana, omar, hide_posts=False)
    db.session.commit()
    login(omar)
    response = client.post(f"/conversations/{conversation.id}/reply", data={"body": "Still?"})
    assert response.status_code == 422 and _count(db, Message) == 1
    assert "Still?" in response.get_data(as_text=True)


def test_adding_a_member_who_blocked_you_is_refused(
    db, client, make_member, login, make_conversation
):
    ana, omar, lea = make_member(), make_member(), make_member()
    conversation = make_conversation(ana, [omar])
    blocks.block_member(lea, ana, hide_posts=False)
    db.session.commit()
    login(ana)
    response = client.post(
        f"/conversations/{conversation.id}/participants", data={"recipients": lea.handle}
    )
    assert response.status_code == 422
    assert queries.participation(lea, conversation.id) is None
    other = make_member()
    response = client.post(
        f"/conversations/{conversation.id}/participants", data={"recipients": other.handle}
    )
    assert response.status_code == 302
    assert queries.participation(other, conversation.id) is not None


def test_leaving_asks_first_then_the_conversation_is_gone_for_the_leaver(
    db, client, make_member, login, make_conversation
):
    ana = make_member()
    conversation = make_conversation(ana)
    login(ana)
    assert "Leave this conversation?" in client.post(
        f"/conversations/{conversation.id}/leave"
    ).get_data(as_text=True)
    response = client.post(f"/conversations/{conversation.id}/leave", data={"confirmed": "1"})
    assert response.status_code == 302
    assert client.get(f"/conversations/{conversation.id}").status_code == 404


def test_moderators_read_only_a_reported_conversation_through_its_report(
    db, client, make_member, login, make_conversation
):
    ana, omar = make_member(), make_member()
    moderator = make_member(role=Role.MODERATOR)
    reported = make_conversation(ana, [omar], subject="Reported one")
    make_conversation(ana, [omar], subject="Private other")
    message_id = db.session.scalar(
        db.select(Message.id).where(Message.conversation_id == reported.id)
    )
    login(omar)
    response = client.post(f"/conversations/messages/{message_id}/report", data={"reason": "Rude"})
    assert response.status_code == 302
    report_id = db.session.scalar(db.select(ConversationReport.id))
    client.post("/auth/sign-out")
    login(moderator)
    listing = client.get("/conversations/reports").get_data(as_text=True)
    assert "Rude" in listing and "Private other" not in listing
    page = client.get(f"/conversations/reports/{report_id}").get_data(as_text=True)
    assert "Reported one" in page and "Private other" not in page
    assert client.post(f"/conversations/reports/{report_id}/resolve").status_code == 302
    client.post("/auth/sign-out")
    login(ana)
    assert client.get("/conversations/reports").status_code == 403
    assert client.get(f"/conversations/reports/{report_id}").status_code == 403


def test_nobody_reports_their_own_message(db, client, make_member, login, make_conversation):
    ana = make_member()
    make_conversation(ana)
    login(ana)
    message_id = db.session.scalar(db.select(Message.id))
    assert client.get(f"/conversations/messages/{message_id}/report").status_code == 403


def test_the_header_counts_unread_conversations_for_its_reader_only(
    db, client, make_member, login, make_conversation
):
    ana, omar, lea = make_member(), make_member(), make_member()
    make_conversation(ana, [omar])
    login(omar)
    assert "unread conversation" in client.get("/").get_data(as_text=True)
    client.post("/auth/sign-out")
    login(lea)
    page = client.get("/").get_data(as_text=True)
    assert "conversations-link" in page and "unread conversation" not in page


def test_a_blocked_authors_posts_are_hidden_for_the_blocker_only(
    db, client, make_member, login, make_thread
):
    from cop.threads import services as thread_services

    reader, other, rude = make_member(), make_member(), make_member()
    thread = make_thread(author=other)
    thread_services.reply_to_thread(author=rude, thread=thread, body="Rude words", language="en")
    blocks.block_member(reader, rude, hide_posts=True)
    db.session.commit()
    login(other)  # fills the shared posts region first
    assert "Rude words" in client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    client.post("/auth/sign-out")
    login(reader)
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "Rude words" not in page and "A post from a member you blocked." in page
    client.post("/auth/sign-out")
    login(other)
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "Rude words" in page and "member you blocked" not in page
    client.post("/auth/sign-out")
    assert "Rude words" in client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)


def test_blocking_without_hiding_posts_keeps_them_shown(
    db, client, make_member, login, make_thread
):
    reader, rude = make_member(), make_member()
    thread = make_thread(author=rude, body="Opening words")
    login(reader)
    response = client.post("/conversations/blocks", data={"handle": f"@{rude.handle}"})
    assert response.status_code == 302
    assert "Opening words" in client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    page = client.get("/conversations/blocks").get_data(as_text=True)
    assert rude.display_name in page
    client.post(f"/conversations/blocks/{rude.id}/remove")
    assert blocks.blocks_of(reader) == []


def test_the_list_page_runs_a_bounded_number_of_queries(
    db, client, make_member, login, make_conversation, count_queries
):
    ana = make_member()
    login(ana)
    for _ in range(3):
        make_conversation(ana, [make_member(), make_member()])
    client.get("/conversations/")
    with count_queries() as few:
        client.get("/conversations/")
    for _ in range(12):
        make_conversation(ana, [make_member(), make_member()])
    with count_queries() as many:
        client.get("/conversations/")
    assert len(many) == len(few) <= 12
