"""Removing one picture from a conversation message: by its uploader alone, asked first
(a page without JavaScript); the message's words without it, its files and quota freed.
A message the reader cannot read does not exist for them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.conversations import services as conversations
from cop.conversations.models import Message
from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.moderation.models import ModerationEvent
from cop.pictures import services
from cop.pictures.models import Picture
from tests.conftest import PASSWORD
from tests.pictures.conftest import picture_bytes


@pytest.fixture
def talk(db, make_member):
    """`sender` wrote a message showing a picture to `recipient`."""
    sender, recipient = make_member(), make_member()
    conversation = conversations.start_conversation(
        sender=sender, recipients=[recipient], subject="The workshop — الورشة", body="Hello"
    )
    picture = services.store_picture(sender, picture_bytes())
    message = conversations.send_message(
        conversation,
        author=sender,
        body=f"The room:\n\n![The room](/media/{picture.path})\n\nSee you.",
    )
    db.session.commit()
    return {
        "sender": sender,
        "recipient": recipient,
        "conversation": conversation,
        "message": message,
        "picture": picture,
    }


def _urls(talk) -> tuple[str, str]:
    message_id = talk["message"].id
    listing = f"/conversations/messages/{message_id}/pictures"
    return listing, f"{listing}/{talk['picture'].id}/remove"


def _exists(db, picture_id: int) -> bool:
    db.session.expire_all()
    return db.session.scalar(select(Picture.id).where(Picture.id == picture_id)) is not None


def _client_of(app, member):
    client = app.test_client()
    response = client.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _suspend(db, member):
    db.session.add(MemberRestriction(member=member, suspended_until=utcnow().replace(year=2999)))
    db.session.commit()
    return member


# Who: the uploader alone; the others of the conversation may not, outsiders see nothing.
EXPECTED = {
    "anonymous": (302, 302),
    "uploader": (200, 302),
    "other participant": (403, 403),
    "outsider": (404, 404),
    "moderator": (404, 404),
    "suspended uploader": (403, 403),
}


@pytest.mark.parametrize("actor", list(EXPECTED))
def test_who_may_remove_a_picture_from_a_message(app, client, db, make_member, talk, actor):
    if actor != "anonymous":
        member = {
            "uploader": talk["sender"],
            "other participant": talk["recipient"],
            "outsider": make_member(),
            "moderator": make_member(role=Role.MODERATOR),
            "suspended uploader": talk["sender"],
        }[actor]
        if actor == "suspended uploader":
            _suspend(db, member)
        client = _client_of(app, member)
    listing, remove = _urls(talk)
    picture_id = talk["picture"].id
    statuses = (client.get(listing).status_code, client.post(remove, data={"confirmed": "1"}))
    assert (statuses[0], statuses[1].status_code) == EXPECTED[actor]
    assert _exists(db, picture_id) is (actor != "uploader")


@pytest.mark.parametrize(
    "address",
    [
        "/conversations/messages/{message}/pictures/999999/remove",
        "/conversations/messages/{message}/pictures/99999999999999999999/remove",
        "/conversations/messages/999999/pictures/{picture}/remove",
        "/conversations/messages/99999999999999999999/pictures",
        "/conversations/messages/{hello}/pictures/{picture}/remove",
    ],
)
def test_unknown_foreign_or_huge_ids_are_not_found(app, db, talk, address):
    hello = db.session.scalar(select(Message).order_by(Message.id))
    url = address.format(message=talk["message"].id, picture=talk["picture"].id, hello=hello.id)
    client = _client_of(app, talk["sender"])
    assert client.get(url).status_code == 404
    if url.endswith("/remove"):
        assert client.post(url, data={"confirmed": "1"}).status_code == 404
    assert _exists(db, talk["picture"].id)


def test_without_javascript_the_removal_is_asked_first(app, db, talk):
    client = _client_of(app, talk["sender"])
    listing, remove = _urls(talk)
    page = client.get(listing).get_data(as_text=True)
    assert f'action="{remove}"' in page and "data-confirm=" in page and 'alt="The room"' in page
    for asked in (client.get(remove), client.post(remove)):
        assert asked.status_code == 200
        text = asked.get_data(as_text=True)
        assert "Remove this picture?" in text and 'name="confirmed" value="1"' in text
        assert "<bdi>The workshop — الورشة</bdi>" in text
    assert _exists(db, talk["picture"].id)


def test_the_uploader_removes_it_from_the_words_disk_and_quota(app, db, talk):
    sender, picture = talk["sender"], talk["picture"]
    keys, path = (picture.key, picture.thumb_key), picture.path
    client = _client_of(app, sender)
    _, remove = _urls(talk)
    response = client.post(remove, data={"confirmed": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#message-{talk['message'].id}")
    db.session.expire_all()
    message = db.session.get(Message, talk["message"].id)
    assert message.body_source == "The room:\n\nSee you."
    assert path not in message.body_html and "See you." in message.body_html
    store = services.storage()
    assert not any(store.local_path(key).exists() for key in keys)
    assert services.used_bytes(sender) == 0
    assert db.session.scalar(select(ModerationEvent)) is None
    page = client.get(f"/conversations/{talk['conversation'].id}").get_data(as_text=True)
    assert path not in page and "See you." in page
    other = _client_of(app, talk["recipient"])
    assert path not in other.get(f"/conversations/{talk['conversation'].id}").get_data(as_text=True)
    assert other.get(f"/media/{path}").status_code == 404


def test_the_link_is_on_the_uploaders_own_message_only(app, db, talk):
    conversation_url = f"/conversations/{talk['conversation'].id}"
    listing, _ = _urls(talk)
    for member, shown in ((talk["sender"], True), (talk["recipient"], False)):
        page = _client_of(app, member).get(conversation_url).get_data(as_text=True)
        assert (listing in page) is shown


@pytest.mark.parametrize("locale", ["ar", "pt"])
def test_the_pages_read_in_every_language(app, db, talk, locale):
    talk["sender"].locale = locale
    db.session.commit()
    client = _client_of(app, talk["sender"])
    for url in _urls(talk):
        page = client.get(url).get_data(as_text=True)
        assert "Remove this picture" not in page and "Pictures of your message" not in page


def test_a_reported_messages_pictures_stay_until_a_moderator_looked(app, db, make_member, talk):
    from cop.conversations import reports

    report = reports.report_message(talk["message"], reporter=talk["recipient"], reason="rude")
    db.session.commit()
    client = _client_of(app, talk["sender"])
    listing_url, remove_url = _urls(talk)
    picture_id = talk["picture"].id
    listing = client.get(listing_url).get_data(as_text=True)
    assert "reported to the moderators" in listing and remove_url not in listing
    refused = client.post(remove_url, data={"confirmed": "1"})
    assert refused.status_code == 409
    assert "reported to the moderators" in refused.get_data(as_text=True)
    assert _exists(db, picture_id)

    reports.resolve_report(db.session.merge(report), moderator=make_member(role=Role.MODERATOR))
    db.session.commit()
    assert client.post(remove_url, data={"confirmed": "1"}).status_code == 302
    assert not _exists(db, picture_id)


def test_a_report_of_another_message_keeps_the_senders_pictures(app, db, make_member, talk):
    """A harasser's picture in one message stays while another of their messages is
    reported: moderators read the whole conversation."""
    from cop.conversations import reports

    later = conversations.send_message(talk["conversation"], author=talk["sender"], body="More")
    reports.report_message(later, reporter=talk["recipient"], reason="rude")
    db.session.commit()
    picture_id = talk["picture"].id
    _, remove_url = _urls(talk)
    refused = _client_of(app, talk["sender"]).post(remove_url, data={"confirmed": "1"})
    assert refused.status_code == 409
    assert _exists(db, picture_id)
