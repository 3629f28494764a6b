"""Drafts: "Save draft" without JavaScript, the autosave, the form filled again, the draft
gone once posted, the drafts page, limits and other members' drafts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.drafts import places, services
from cop.drafts.models import Draft
from cop.threads.models import BODY_MAX, Post
from tests.corpora import naughty_sample


def _drafts(db) -> list[Draft]:
    db.session.expire_all()
    return list(db.session.scalars(select(Draft).order_by(Draft.id)))


def _save_reply(client, thread_id: int, body: str):
    return client.post(
        f"/threads/{thread_id}/reply",
        data={"body": body, "language": "en", "save_draft": "1", "client_token": "t1"},
    )


# Services


def test_saving_twice_keeps_one_draft_with_the_later_text(db, make_member, make_thread):
    member, thread = make_member(), make_thread()
    kind = places.kind_of("reply")
    services.save_draft(member, kind, thread.id, services.DraftText(body="first"))
    services.save_draft(member, kind, thread.id, services.DraftText(body="second"))
    db.session.commit()
    assert [d.body for d in _drafts(db)] == ["second"]


def test_an_empty_draft_is_discarded(db, make_member, make_thread):
    member, thread = make_member(), make_thread()
    kind = places.kind_of("reply")
    services.save_draft(member, kind, thread.id, services.DraftText(body="words"))
    assert services.save_draft(member, kind, thread.id, services.DraftText(body="  ")) is False
    db.session.commit()
    assert _drafts(db) == []


@pytest.mark.parametrize("body", ["x" * (BODY_MAX + 1), "nul \x00 byte", "lone \ud800"])
def test_a_draft_too_long_or_unstorable_is_refused(db, make_member, make_thread, body):
    kind = places.kind_of("reply")
    with pytest.raises(services.DraftRefused):
        services.save_draft(make_member(), kind, make_thread().id, services.DraftText(body=body))


# Without JavaScript: the button, then coming back


def test_save_draft_rerenders_the_form_and_the_reply_page_comes_back_filled(
    client, db, login, make_member, make_thread
):
    member, thread = make_member(), make_thread()
    login(member)
    response = _save_reply(client, thread.id, "Half of my thoughts")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Half of my thoughts" in page and "Your draft is saved" in page
    assert db.session.scalar(select(func.count(Post.id))) == 1  # nothing posted
    assert "Half of my thoughts" in client.get(f"/threads/{thread.id}/reply").get_data(as_text=True)
    assert "Half of my thoughts" in client.get(f"/threads/{thread.id}?page=1").get_data(
        as_text=True
    )


def test_the_draft_is_gone_once_the_reply_is_posted(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    _save_reply(client, thread.id, "Half of my thoughts")
    response = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "All of my thoughts", "language": "en", "client_token": "t2"},
    )
    assert response.status_code == 302
    assert _drafts(db) == []


def test_a_new_thread_draft_is_kept_per_table(client, db, login, make_member, make_category):
    member, table = make_member(), make_category(slug="fisheries")
    login(member)
    response = client.post(
        "/threads/new",
        data={
            "category": str(table.id),
            "title": "Nets and boats",
            "body": "Draft body",
            "language": "en",
            "save_draft": "1",
        },
    )
    assert response.status_code == 200
    assert [d.place for d in _drafts(db)] == [f"thread:{table.id}"]
    page = client.get("/threads/new?table=fisheries").get_data(as_text=True)
    assert "Nets and boats" in page and "Draft body" in page
    client.post(
        "/threads/new",
        data={"category": str(table.id), "title": "Nets and boats", "body": "Final body",
              "language": "en", "client_token": "t3"},
    )  # fmt: skip
    assert _drafts(db) == []


def test_conversation_drafts_new_and_reply(client, db, login, make_member, make_conversation):
    member = make_member()
    conversation = make_conversation(sender=member)
    login(member)
    response = client.post(
        "/conversations/new",
        data={"recipients": "@someone", "subject": "Plans", "body": "Dear all", "save_draft": "1"},
    )
    assert response.status_code == 200
    page = client.get("/conversations/new").get_data(as_text=True)
    assert "Plans" in page and "Dear all" in page and "@someone" in page
    response = client.post(
        f"/conversations/{conversation.id}/reply", data={"body": "Thinking…", "save_draft": "1"}
    )
    assert response.status_code == 200
    assert "Thinking…" in client.get(f"/conversations/{conversation.id}").get_data(as_text=True)
    client.post(
        f"/conversations/{conversation.id}/reply", data={"body": "Done", "client_token": "t4"}
    )
    assert [d.place for d in _drafts(db)] == ["conversation:0"]


def test_a_draft_too_long_is_a_422_keeping_what_was_typed(
    client, db, login, make_member, make_thread
):
    member, thread = make_member(locale="fr"), make_thread()
    login(member)
    body = "é" * (BODY_MAX + 1)
    response = _save_reply(client, thread.id, body)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert body in page and 'class="error"' in page
    assert _drafts(db) == []


def test_a_nul_byte_in_a_draft_is_a_400_not_a_500(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    assert _save_reply(client, thread.id, "a\x00b").status_code == 400
    response = client.post(
        "/drafts/autosave", data={"draft_place": f"reply:{thread.id}", "body": "a\x00b"}
    )
    assert response.status_code == 400


def test_naughty_strings_are_kept_as_typed(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    for text in naughty_sample():
        response = client.post(
            "/drafts/autosave", data={"draft_place": f"reply:{thread.id}", "body": text}
        )
        assert response.status_code in (204, 400), text
        if response.status_code == 204:
            assert _drafts(db)[0].body == text.rstrip()
    assert client.get("/drafts/").status_code == 200


# The autosave


def test_autosave_keeps_the_text(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    response = client.post(
        "/drafts/autosave",
        data={"draft_place": f"reply:{thread.id}", "body": "typed", "language": "en"},
    )
    assert response.status_code == 204
    assert [d.body for d in _drafts(db)] == ["typed"]


def _autosave(client, place: str, body: str, token: str):
    return client.post(
        "/drafts/autosave",
        data={"draft_place": place, "body": body, "language": "en", "client_token": token},
    )


def test_a_late_autosave_of_a_posted_reply_does_not_bring_its_draft_back(
    client, db, login, make_member, make_thread
):
    """The autosave sent just before "Post reply" is handled after the reply is out."""
    member, thread = make_member(), make_thread()
    login(member)
    place = f"reply:{thread.id}"
    assert _autosave(client, place, "All of my thou", "form-1").status_code == 204
    posted = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "All of my thoughts", "language": "en", "client_token": "form-1"},
    )
    assert posted.status_code == 302 and _drafts(db) == []
    late = _autosave(client, place, "All of my thoughts", "form-1")
    assert late.status_code == 409
    assert "posted already" in late.get_data(as_text=True)
    assert _drafts(db) == []
    assert "All of my thoughts" not in client.get(f"/threads/{thread.id}/reply").get_data(
        as_text=True
    )
    # The next form of the same place (a new token) keeps its draft as before.
    assert _autosave(client, place, "A second reply", "form-2").status_code == 204
    assert [d.body for d in _drafts(db)] == ["A second reply"]


def test_late_autosaves_of_a_new_thread_and_of_messages_are_refused_too(
    client, db, login, make_member, make_category, make_conversation
):
    member, table = make_member(), make_category(slug="harbours")
    conversation = make_conversation(sender=member)
    login(member)
    client.post(
        "/threads/new",
        data={"category": str(table.id), "title": "Quays", "body": "Stone quays",
              "language": "en", "client_token": "thread-form"},
    )  # fmt: skip
    client.post(
        f"/conversations/{conversation.id}/reply",
        data={"body": "See you", "client_token": "message-form"},
    )
    assert _autosave(client, f"thread:{table.id}", "Stone", "thread-form").status_code == 409
    late = _autosave(client, f"message:{conversation.id}", "See", "message-form")
    assert late.status_code == 409
    assert _drafts(db) == []


def test_a_posted_form_refuses_its_save_draft_button_keeping_the_words(
    client, db, login, make_member, make_thread
):
    member, thread = make_member(locale="es"), make_thread()
    login(member)
    client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "Mis palabras", "language": "en", "client_token": "form-1"},
    )
    response = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "Mis palabras", "language": "en", "save_draft": "1",
              "client_token": "form-1"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "Mis palabras" in response.get_data(as_text=True)
    assert _drafts(db) == []


def test_the_service_keeps_nothing_for_a_posted_form(db, make_member, make_thread):
    from cop.threads import services as threads

    member, thread = make_member(), make_thread()
    kind = places.kind_of("reply")
    threads.reply_to_thread(
        author=member, thread=thread, body="Out", language="en", client_token="form-9"
    )
    with pytest.raises(services.DraftPosted):
        services.save_draft(
            member, kind, thread.id, services.DraftText(body="Out"), form_token="form-9"
        )
    db.session.commit()  # the refused save left nothing to commit
    assert _drafts(db) == []
    assert services.save_draft(member, kind, thread.id, services.DraftText(body="Next"))


@pytest.mark.parametrize(
    "place",
    ["reply:999999", "reply:x", "nowhere:1", "", "reply:99999999999999999999", "message:1"],
)
def test_autosave_refuses_a_place_the_member_cannot_write_in(
    client, db, login, make_member, make_thread, place
):
    login(make_member())
    response = client.post("/drafts/autosave", data={"draft_place": place, "body": "x"})
    assert response.status_code == 404
    assert _drafts(db) == []


def test_no_draft_in_a_locked_or_hidden_thread_or_anothers_conversation(
    client, db, login, make_member, make_thread, make_conversation
):
    locked, hidden = make_thread(is_locked=True), make_thread(is_hidden=True)
    conversation = make_conversation()
    login(make_member())
    for place in (f"reply:{locked.id}", f"reply:{hidden.id}", f"message:{conversation.id}"):
        response = client.post("/drafts/autosave", data={"draft_place": place, "body": "x"})
        assert response.status_code == 404, place
    assert (
        client.post(
            f"/conversations/{conversation.id}/reply", data={"body": "x", "save_draft": "1"}
        ).status_code
        == 404
    )
    assert _drafts(db) == []


# The drafts page; another's drafts


def test_the_drafts_page_lists_links_and_deletes(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread(title="Water rights")
    login(member)
    _save_reply(client, thread.id, "Some words about water")
    page = client.get("/drafts/").get_data(as_text=True)
    assert "Water rights" in page and "Some words about water" in page
    assert f"/threads/{thread.id}/reply" in page
    draft = _drafts(db)[0]
    assert client.post(f"/drafts/{draft.id}/delete").status_code == 302
    assert _drafts(db) == []


def test_a_draft_of_a_thread_since_hidden_shows_no_title(
    client, db, login, make_member, make_thread
):
    member, thread = make_member(), make_thread(title="Soon hidden")
    login(member)
    _save_reply(client, thread.id, "Words")
    thread.is_hidden = True
    db.session.commit()
    page = client.get("/drafts/").get_data(as_text=True)
    assert "Soon hidden" not in page and "no longer write in" in page


def test_a_member_never_sees_nor_deletes_anothers_draft(
    client, db, login, make_member, make_thread
):
    owner, other, thread = make_member(), make_member(), make_thread()
    login(owner)
    _save_reply(client, thread.id, "Owner's secret draft")
    client.post("/auth/sign-out")
    draft = _drafts(db)[0]
    login(other)
    assert "secret draft" not in client.get("/drafts/").get_data(as_text=True)
    assert "secret draft" not in client.get(f"/threads/{thread.id}/reply").get_data(as_text=True)
    assert client.post(f"/drafts/{draft.id}/delete").status_code == 404
    assert len(_drafts(db)) == 1


@pytest.mark.parametrize(
    "method,path",
    [("get", "/drafts/"), ("post", "/drafts/{id}/delete"), ("post", "/drafts/autosave")],
)
def test_visitors_are_sent_to_sign_in(client, db, make_member, make_thread, method, path):
    member, thread = make_member(), make_thread()
    services.save_draft(
        member, places.kind_of("reply"), thread.id, services.DraftText(body="words")
    )
    db.session.commit()
    draft = _drafts(db)[0]
    response = getattr(client, method)(
        path.format(id=draft.id), data={"draft_place": f"reply:{thread.id}", "body": "x"}
    )
    assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]
    assert [d.body for d in _drafts(db)] == ["words"]


def _as(who: str, db, login, make_member, owner):
    from datetime import timedelta

    from cop.members.models import Role
    from cop.models import utcnow
    from cop.moderation.sanctions import suspend_member

    if who == "owner":
        login(owner)
    elif who == "member":
        login(make_member())
    elif who == "moderator":
        login(make_member(role=Role.MODERATOR))
    elif who == "suspended":
        member = make_member()
        until = utcnow() + timedelta(days=2)
        suspend_member(member, moderator=make_member(role=Role.MODERATOR), until=until, reason="x")
        db.session.commit()
        login(member)


@pytest.mark.parametrize("route", ["delete", "autosave", "save draft"])
@pytest.mark.parametrize("who", ["anonymous", "member", "owner", "moderator", "suspended"])
def test_permission_matrix(client, db, login, make_member, make_thread, route, who):
    owner, thread = make_member(), make_thread()
    services.save_draft(owner, places.kind_of("reply"), thread.id, services.DraftText(body="kept"))
    db.session.commit()
    draft = _drafts(db)[0]
    _as(who, db, login, make_member, owner)
    data = {"draft_place": f"reply:{thread.id}", "body": "changed", "save_draft": "1"}
    path = {
        "delete": f"/drafts/{draft.id}/delete",
        "autosave": "/drafts/autosave",
        "save draft": f"/threads/{thread.id}/reply",
    }[route]
    response = client.post(path, data=data)
    owners_draft = [d.body for d in _drafts(db) if d.member_id == owner.id]
    if who == "anonymous":
        assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]
    elif who == "suspended":
        assert response.status_code in (403, 404)
    elif who in ("member", "moderator") and route == "delete":
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 204, 302)
    if who == "owner" and route == "delete":
        assert owners_draft == []
    elif who == "owner":
        assert owners_draft == ["changed"]
    else:
        assert owners_draft == ["kept"]  # another's own draft may be made, never the owner's
