"""Private conversations are writing too: a member whose address is not confirmed reads
the conversations they are in, but writes, reports and blocks only once confirmed, and a
refused message keeps its recipients, subject and words."""

from __future__ import annotations

import pytest

from cop.conversations.models import Conversation, ConversationReport, MemberBlock, Message
from cop.models import utcnow


@pytest.fixture(autouse=True)
def open_to_strangers(app, monkeypatch):
    monkeypatch.setitem(app.config, "CONVERSATIONS_MIN_POSTS_FOR_STRANGERS", 0)


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def unconfirmed_in_a_conversation(db, make_member, make_conversation, login):
    ana = make_member(display_name="Ana")
    newcomer = make_member(display_name="Nour", email_confirmed=False)
    conversation = make_conversation(ana, [newcomer], subject="Welcome", body="Hello Nour")
    message_id = db.session.scalar(db.select(Message.id))
    login(newcomer)
    return {"ana": ana, "newcomer": newcomer, "c": conversation.id, "m": message_id}


@pytest.mark.parametrize(
    ("path", "data", "model"),
    [
        (
            "/conversations/new",
            {"recipients": "@{ana}", "subject": "S", "body": "Hi"},
            Conversation,
        ),
        ("/conversations/{c}/reply", {"body": "Thank you"}, Message),
        ("/conversations/{c}/participants", {"recipients": "@{ana}"}, Message),
        ("/conversations/messages/{m}/report", {"reason": "Spam"}, ConversationReport),
        ("/conversations/blocks", {"handle": "{ana}", "hide_posts": "y"}, MemberBlock),
    ],
)
def test_an_unconfirmed_member_may_not_write_report_or_block_in_conversations(
    db, client, unconfirmed_in_a_conversation, path, data, model
):
    world = unconfirmed_in_a_conversation
    before = _count(db, model)
    handle = world["ana"].handle
    sent = {key: value.format(ana=handle) for key, value in data.items()}
    response = client.post(path.format(**world), data=sent)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Confirm your email address first" in html
    assert _count(db, model) == before


def test_a_refused_message_keeps_recipients_subject_and_words(
    db, client, unconfirmed_in_a_conversation
):
    handle = unconfirmed_in_a_conversation["ana"].handle
    typed = {"recipients": f"@{handle}", "subject": "غداً في عمّان", "body": "Ναι, θα έρθω ✓"}
    response = client.post("/conversations/new", data=typed)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert 'action="/conversations/new"' in html
    for value in typed.values():
        assert f"{value}</textarea>" in html


def test_the_sent_again_message_goes_through_once_confirmed(
    db, client, unconfirmed_in_a_conversation
):
    world = unconfirmed_in_a_conversation
    typed = {"body": "Thank you, Ana", "client_token": "tok-1"}
    assert client.post(f"/conversations/{world['c']}/reply", data=typed).status_code == 403
    world["newcomer"].email_confirmed_at = utcnow()
    db.session.commit()
    assert client.post(f"/conversations/{world['c']}/reply", data=typed).status_code == 302
    assert _count(db, Message) == 2


def test_an_unconfirmed_member_reads_their_conversation_without_a_reply_form(
    client, unconfirmed_in_a_conversation
):
    world = unconfirmed_in_a_conversation
    response = client.get(f"/conversations/{world['c']}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Hello Nour" in html
    assert f'action="/conversations/{world["c"]}/reply"' not in html
    assert "Please confirm your email address" in html


def test_an_unconfirmed_member_may_leave_a_conversation_others_started(
    db, client, unconfirmed_in_a_conversation
):
    world = unconfirmed_in_a_conversation
    response = client.post(f"/conversations/{world['c']}/leave", data={"confirmed": "1"})
    assert response.status_code == 302
    client.get("/")
    assert client.get(f"/conversations/{world['c']}").status_code == 404
