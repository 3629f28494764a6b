"""Conversations' notices and emails: once per conversation until read, the member's
email choice, no words to a member who blocked the sender, never to an outsider."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.conversations import blocks, services
from cop.members.models import Role
from cop.notifications import services as notices
from cop.notifications.models import Kind, Mode, Notification
from tests.corpora import naughty_sample


def _notices(db, member) -> list[Notification]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == member.id)
            .order_by(Notification.id)
        )
    )


def _send(client, conversation_id, body):
    response = client.post(f"/conversations/{conversation_id}/reply", data={"body": body})
    assert response.status_code == 302
    return response


def test_a_new_conversation_notifies_and_emails_each_recipient_once(
    db, client, login, outbox, make_member
):
    ana = make_member(display_name="Ana")
    omar = make_member(display_name="عمر", locale="ar", email="omar@example.org")
    lea = make_member(display_name="Léa", email="lea@example.org")
    login(ana)
    data = {"recipients": f"@{omar.handle} @{lea.handle}", "subject": "Atelier", "body": "Salut"}
    assert client.post("/conversations/new", data=data).status_code == 302
    (notice,) = _notices(db, omar)
    assert (notice.kind, notice.item_count, notice.actor_id) == ("message", 1, ana.id)
    assert _notices(db, ana) == []
    assert sorted(m.to[0] for m in outbox) == ["lea@example.org", "omar@example.org"]
    (to_lea,) = [m for m in outbox if m.to == ["lea@example.org"]]
    assert to_lea.subject == "\u2068Ana\u2069 wrote to you in “\u2068Atelier\u2069”."
    assert "\u2068Salut\u2069" in to_lea.body  # the words, isolated in plain text
    assert f"/conversations/{notice.payload['conversation_id']}" in to_lea.body


def test_more_messages_before_reading_add_to_the_notice_without_more_email(
    db, client, login, outbox, make_member, make_conversation
):
    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar])
    login(ana)
    _send(client, conversation.id, "Second")  # the pending notice leaves, with both
    _send(client, conversation.id, "Third")
    (notice,) = _notices(db, omar)
    assert notice.item_count == 3 and notice.read_at is None
    (email,) = outbox
    assert "2 new messages in" in email.subject and "Second" in email.body
    client.post("/auth/sign-out")
    login(omar)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "3 new messages in" in html
    assert client.get(f"/conversations/{conversation.id}").status_code == 200
    (notice,) = _notices(db, omar)
    assert notice.read_at is not None  # reading the conversation reads its notice
    client.post("/auth/sign-out")
    login(ana)
    _send(client, conversation.id, "After you read")
    _older, newer = _notices(db, omar)
    assert (newer.item_count, newer.read_at) == (1, None)
    assert len(outbox) == 2 and "After you read" in outbox[1].body


def test_a_second_message_while_the_email_is_pending_is_one_email(
    app, db, outbox, make_member, make_conversation
):
    from cop.notifications.outbox import deliver_immediate

    ana, omar = make_member(), make_member()
    conversation = make_conversation(ana, [omar], body="One")
    services.send_message(conversation, author=ana, body="Two")
    db.session.commit()
    with app.test_request_context():
        assert deliver_immediate() == 1
    (email,) = outbox
    assert "2 new messages in" in email.subject and "Two" in email.body


def test_the_member_chooses_how_message_notices_are_emailed(
    db, client, login, outbox, make_member, make_conversation
):
    ana, omar = make_member(), make_member()
    notices.set_email_modes(omar, {Kind.MESSAGE: Mode.NONE})
    db.session.commit()
    conversation = make_conversation(ana, [omar])
    login(ana)
    _send(client, conversation.id, "Hello")
    assert outbox == [] and len(_notices(db, omar)) == 1
    client.post("/auth/sign-out")
    login(omar)
    html = client.get("/notifications/settings").get_data(as_text=True)
    assert "New messages in my conversations" in html


def test_no_words_are_emailed_to_a_member_who_blocked_the_sender(
    db, client, login, outbox, make_member, make_conversation
):
    moderator = make_member(role=Role.MODERATOR, display_name="Mod")
    omar = make_member(email="omar@example.org")
    blocks.block_member(omar, moderator, hide_posts=False)
    db.session.commit()
    login(moderator)
    data = {"recipients": f"@{omar.handle}", "subject": "A warning", "body": "Secret words"}
    assert client.post("/conversations/new", data=data).status_code == 302
    (email,) = outbox
    html = email.alternatives[0][0]
    assert "Secret words" not in email.body and "Secret words" not in html
    assert "Mod" in email.subject and "/conversations/" in email.body


def test_being_added_is_a_notice_and_leaving_removes_them(
    db, client, login, make_member, make_conversation
):
    ana, omar, lea = make_member(), make_member(), make_member()
    conversation = make_conversation(ana, [omar], subject="Plans")
    login(ana)
    response = client.post(
        f"/conversations/{conversation.id}/participants", data={"recipients": f"@{lea.handle}"}
    )
    assert response.status_code == 302
    (notice,) = _notices(db, lea)
    assert notice.payload.get("added") is True
    client.post("/auth/sign-out")
    login(lea)
    assert "added you to the conversation" in client.get("/notifications/").get_data(as_text=True)
    assert client.post(f"/conversations/{conversation.id}/leave", data={"confirmed": "1"})
    assert _notices(db, lea) == []
    client.get("/conversations/")  # the flash that names it
    assert "Plans" not in client.get("/notifications/").get_data(as_text=True)


def test_an_outsider_hears_nothing_of_a_conversation(
    db, client, login, make_member, make_conversation
):
    ana, omar = make_member(), make_member()
    outsider, moderator = make_member(), make_member(role=Role.MODERATOR)
    conversation = make_conversation(ana, [omar], subject="Private plans")
    services.send_message(conversation, author=omar, body="More")
    db.session.commit()
    for member in (outsider, moderator):
        assert _notices(db, member) == []
        login(member)
        assert "Private plans" not in client.get("/notifications/").get_data(as_text=True)
        client.post("/auth/sign-out")
    (notice,) = _notices(db, omar)
    login(outsider)
    assert client.post(f"/notifications/{notice.id}/open").status_code == 404
    assert client.post(f"/notifications/{notice.id}/read").status_code == 404


@pytest.mark.parametrize("subject", naughty_sample(20))
def test_naughty_subjects_in_notices_and_emails_never_break_a_page(
    db, client, login, outbox, make_member, make_conversation, subject
):
    ana, omar = make_member(), make_member()
    subject = (subject.strip() or "x")[:150].ljust(2, "x")
    conversation = make_conversation(ana, [omar], subject=subject)
    login(ana)
    _send(client, conversation.id, subject)
    client.post("/auth/sign-out")
    login(omar)
    assert client.get("/notifications/").status_code == 200
