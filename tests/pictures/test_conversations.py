"""Pictures in conversation messages: attached without JavaScript, seen only by the
conversation's participants."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from cop.conversations import services as conversations
from cop.conversations.models import Message
from cop.pictures.models import Picture
from tests.conftest import PASSWORD
from tests.pictures.conftest import picture_bytes


@pytest.fixture
def talk(db, make_member):
    sender, recipient = make_member(), make_member()
    conversation = conversations.start_conversation(
        sender=sender, recipients=[recipient], subject="The workshop", body="Hello"
    )
    db.session.commit()
    return {"sender": sender, "recipient": recipient, "conversation": conversation}


def _media(client, url):
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def test_a_participant_sends_a_described_picture_seen_only_by_participants(
    app, client, db, talk, make_member, login
):
    login(talk["sender"])
    url = f"/conversations/{talk['conversation'].id}/reply"
    form = {
        "body": "Here it is — هنا",
        "picture_alt": "The room",
        "attach_picture": "1",
        "picture": (io.BytesIO(picture_bytes()), "room.png"),
    }
    response = client.post(url, data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    picture = db.session.scalar(select(Picture))
    page = response.get_data(as_text=True)
    assert "Here it is — هنا" in page and f"![The room](/media/{picture.path})" in page
    body = f"Here it is\n\n![The room](/media/{picture.path})"
    assert client.post(url, data={"body": body}).status_code == 302
    message = db.session.scalar(select(Message).order_by(Message.id.desc()))
    assert f'<img src="/media/{picture.path}" alt="The room"' in message.body_html
    db.session.refresh(picture)
    assert picture.used_by == f"message:{message.id}"
    media = f"/media/{picture.path}"
    assert _media(client, media).headers["Cache-Control"] == "private, no-cache"
    for who, status in ((talk["recipient"], 200), (make_member(), 404)):
        other = app.test_client()
        signed = other.post("/auth/sign-in", data={"email": who.email, "password": PASSWORD})
        assert signed.status_code == 302
        assert _media(other, media).status_code == status
    assert _media(app.test_client(), media).status_code == 404


def test_a_message_whose_picture_has_no_description_is_not_sent(client, db, talk, login):
    login(talk["sender"])
    url = f"/conversations/{talk['conversation'].id}/reply"
    body = f"Look ![](/media/{'0' * 64}-1x1.webp)"
    response = client.post(url, data={"body": body})
    assert response.status_code == 422
    assert "Every picture needs a description" in response.get_data(as_text=True)


def test_moderators_see_a_messages_picture_only_once_its_conversation_is_reported(
    app, db, talk, make_member
):
    from cop.conversations import reports
    from cop.members.models import Role
    from cop.pictures import services

    picture = services.store_picture(talk["sender"], picture_bytes())
    message = conversations.send_message(
        talk["conversation"], author=talk["sender"], body=f"![Room](/media/{picture.path})"
    )
    db.session.commit()
    moderator = make_member(role=Role.MODERATOR)
    client = app.test_client()
    client.post("/auth/sign-in", data={"email": moderator.email, "password": PASSWORD})
    assert _media(client, f"/media/{picture.path}").status_code == 404
    reports.report_message(message, reporter=talk["recipient"], reason="spam")
    db.session.commit()
    assert _media(client, f"/media/{picture.path}").status_code == 200


def test_a_new_conversation_takes_a_picture_too(app, client, db, make_member, login, monkeypatch):
    monkeypatch.setitem(app.config, "CONVERSATIONS_MIN_POSTS_FOR_STRANGERS", 0)
    sender, recipient = make_member(), make_member()
    login(sender)
    form = {
        "recipients": recipient.handle,
        "subject": "Photos",
        "body": "From the visit",
        "picture_alt": "The harbour",
        "attach_picture": "1",
        "picture": (io.BytesIO(picture_bytes()), "harbour.png"),
    }
    response = client.post("/conversations/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    picture = db.session.scalar(select(Picture))
    page = response.get_data(as_text=True)
    assert "Photos" in page and f"![The harbour](/media/{picture.path})" in page
    body = f"From the visit\n\n![The harbour](/media/{picture.path})"
    sent = client.post(
        "/conversations/new",
        data={"recipients": recipient.handle, "subject": "Photos", "body": body},
    )
    assert sent.status_code == 302
    db.session.refresh(picture)
    assert picture.used_by.startswith("message:")
