"""A member never sees a conversation they are not in: by any address, feed, search,
notification, export or the unread view. Walked over every GET page of the URL map."""

from __future__ import annotations

import pytest

from cop.conversations import services
from cop.members.models import Role

SUBJECT = "Zanzibarqx secret plans"
BODY = "Quokkavelt private words"


@pytest.fixture
def private(db, make_member, make_conversation, make_thread):
    ana, omar = make_member(), make_member()
    thread = make_thread(author=ana, title="Public talk")
    conversation = make_conversation(ana, [omar], subject=SUBJECT, body=BODY)
    message = services.send_message(conversation, author=omar, body=BODY + " again")
    db.session.commit()
    return {
        "conversation_id": conversation.id,
        "message_id": message.id,
        "thread_id": thread.id,
        "handle": ana.handle,
        "post_id": thread.last_post_id,
    }


def _get_urls(app, ids) -> list[str]:
    from flask import url_for

    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            args = {name: ids[name] for name in rule.arguments if name in ids}
            if set(rule.arguments) - set(args) - set(rule.defaults or {}):
                continue
            urls.append(url_for(rule.endpoint, **args))
    urls += [f"/search/?q={SUBJECT.split()[0]}", f"/search/?q={BODY.split()[0]}"]
    return sorted(set(urls))


@pytest.mark.parametrize("role", ["visitor", "outsider", "moderator", "admin"])
def test_no_page_shows_a_conversation_to_someone_not_in_it(
    app, db, client, login, make_member, private, role
):
    if role != "visitor":
        roles = {"moderator": Role.MODERATOR, "admin": Role.ADMIN}
        login(make_member(role=roles.get(role, Role.MEMBER)))
    leaks = []
    for url in _get_urls(app, private):
        response = client.get(url)
        text = response.get_data(as_text=True)
        if SUBJECT in text or BODY in text or "secret plans" in text or "private words" in text:
            leaks.append(url)
    assert leaks == []
    assert client.get(f"/conversations/{private['conversation_id']}").status_code in (302, 404)


def test_the_walk_would_see_a_leak_a_participant_sees_it(db, client, login, private):
    from cop.members.models import Member

    ana = db.session.scalar(db.select(Member).where(Member.handle == private["handle"]))
    login(ana)
    assert SUBJECT in client.get("/conversations/").get_data(as_text=True)
    page = client.get(f"/conversations/{private['conversation_id']}").get_data(as_text=True)
    assert BODY in page
