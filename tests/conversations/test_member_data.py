"""Conversations in a member's data export, and what closing an account leaves."""

from __future__ import annotations

import json

from sqlalchemy import select

from cop.conversations import blocks, services
from cop.conversations.models import Conversation, ConversationParticipant, Message
from cop.members.models import Member
from tests.members.test_close_account import _close, _run_jobs


def test_the_export_holds_the_members_conversations_messages_and_blocks(
    db, client, make_member, login, make_conversation, exported
):
    ana = make_member(display_name="Ana")
    omar = make_member(display_name="Omar")
    lea, stranger = make_member(), make_member()
    conversation = make_conversation(ana, [omar], subject="Atelier", body="Bonjour **Omar**")
    services.send_message(conversation, author=omar, body="مرحبا Ana")
    make_conversation(omar, [lea], subject="Not Ana's", body="Private to Lea")
    blocks.block_member(ana, stranger, hide_posts=True)
    db.session.commit()
    login(ana)
    archive = exported()
    data = json.loads(archive.read("conversations.json"))
    (mine,) = data["conversations"]
    assert mine["subject"] == "Atelier" and mine["participants"] == [omar.handle]
    assert [(m["author"], m["body"]) for m in mine["messages"]] == [
        ("me", "Bonjour **Omar**"),
        (omar.handle, "مرحبا Ana"),
    ]
    assert data["blocks"] == [
        {"member": stranger.handle, "hide_posts": True, "since": data["blocks"][0]["since"]}
    ]
    assert "Private to Lea" not in archive.read("conversations.json").decode()


def test_a_member_without_conversations_has_no_conversations_file(
    client, make_member, login, exported
):
    login(make_member())
    assert "conversations.json" not in exported().namelist()


def test_after_closing_the_others_still_read_the_conversation_signed_by_a_former_member(
    app, db, client, make_member, login, make_conversation
):
    leaving = make_member(display_name="Leaving Person")
    staying = make_member(display_name="Staying Person")
    conversation = make_conversation(leaving, [staying], subject="Kept", body="Words to keep")
    services.send_message(conversation, author=staying, body="An answer")
    alone = make_conversation(leaving, [make_member()], subject="Soon empty")
    db.session.execute(
        ConversationParticipant.__table__.delete().where(
            ConversationParticipant.conversation_id == alone.id,
            ConversationParticipant.member_id != leaving.id,
        )
    )
    db.session.commit()
    conversation_id, alone_id, leaving_id = conversation.id, alone.id, leaving.id
    login(leaving)
    assert _close(client).status_code == 302
    _run_jobs(app)
    db.session.expire_all()
    assert db.session.get(Member, leaving_id) is None
    messages = db.session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    ).all()
    assert [(m.author_id, m.body_source) for m in messages] == [
        (None, "Words to keep"),
        (staying.id, "An answer"),
    ]
    assert db.session.get(Conversation, alone_id) is None  # nobody left to read it
    login(staying)
    page = client.get(f"/conversations/{conversation_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Words to keep" in html and "Leaving Person" not in html
    assert "A former member" in html or "former member" in html.lower()


def test_closing_with_posts_deleted_still_keeps_the_messages_for_the_others(
    app, db, client, make_member, login, make_conversation
):
    leaving, staying = make_member(), make_member()
    conversation = make_conversation(leaving, [staying], body="Still here")
    conversation_id = conversation.id
    login(leaving)
    assert _close(client, delete_posts="y").status_code == 302
    _run_jobs(app)
    db.session.expire_all()
    bodies = db.session.scalars(
        select(Message.body_source).where(Message.conversation_id == conversation_id)
    ).all()
    assert bodies == ["Still here"]
