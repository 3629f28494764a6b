"""Who may do what, through the real pages: anonymous, member, author, moderator, admin."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop import permissions
from cop.members.models import Role
from cop.threads import services
from cop.threads.models import Post

ACTORS = ("anonymous", "member", "author", "moderator", "admin")


@pytest.fixture
def scene(db, make_member, make_thread):
    """A thread by `author` with one reply by the author and one deleted reply."""
    author = make_member(display_name="Thread Author")
    thread = make_thread(author=author, replies=2, body="Opening words")
    reply, deleted = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.position > 1).order_by(Post.position)
    ).all()
    deleted.body_source = deleted.body_html = "Secret deleted words"
    services.delete_post(deleted, actor=author)
    db.session.commit()
    return {"author": author, "thread": thread, "reply": reply, "deleted": deleted}


def act_as(actor, scene, make_member, login):
    if actor == "anonymous":
        return None
    if actor == "author":
        member = scene["author"]
    else:
        role = {"member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}[actor]
        member = make_member(role=role)
    login(member)
    return member


def _allowed(response) -> bool:
    return response.status_code in (200, 302) and "/auth/sign-in" not in response.headers.get(
        "Location", ""
    )


EXPECTED = {
    # action: actors allowed
    "reply": {"member", "author", "moderator", "admin"},
    "reply_locked": {"moderator", "admin"},
    "edit": {"author", "moderator", "admin"},
    "delete": {"author", "moderator", "admin"},
    "restore": {"moderator", "admin"},
    "history": {"anonymous", "member", "author", "moderator", "admin"},
    "see_deleted": {"moderator", "admin"},
    "start_thread": {"member", "author", "moderator", "admin"},
    "manage_tables": {"admin"},
}


def _do(action, client, scene):
    thread, reply, deleted = scene["thread"], scene["reply"], scene["deleted"]
    if action == "reply":
        return client.post(
            f"/threads/{thread.id}/reply", data={"body": "A fine reply", "language": "en"}
        )
    if action == "reply_locked":
        thread.is_locked = True
        from cop.extensions import db

        db.session.commit()
        return client.post(
            f"/threads/{thread.id}/reply", data={"body": "A locked reply", "language": "en"}
        )
    if action == "edit":
        return client.post(
            f"/threads/posts/{reply.id}/edit", data={"body": "Edited words", "language": "en"}
        )
    if action == "delete":
        return client.post(f"/threads/posts/{reply.id}/delete", data={"confirmed": "1"})
    if action == "restore":
        return client.post(f"/threads/posts/{deleted.id}/restore")
    if action == "history":
        return client.get(f"/threads/posts/{reply.id}/history")
    if action == "see_deleted":
        response = client.get(f"/threads/{thread.id}?page=1")
        assert response.status_code == 200
        visible = "Secret deleted words" in response.get_data(as_text=True)
        response.status_code = 200 if visible else 403
        return response
    if action == "start_thread":
        return client.get("/threads/new")
    if action == "manage_tables":
        return client.get("/threads/manage/tables")
    raise AssertionError(action)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix(actor, action, client, login, make_member, scene):
    act_as(actor, scene, make_member, login)
    response = _do(action, client, scene)
    assert _allowed(response) is (actor in EXPECTED[action]), (actor, action, response.status_code)


@pytest.mark.parametrize("actor", ACTORS)
def test_nobody_deletes_the_opening_post(actor, client, login, make_member, scene, db):
    act_as(actor, scene, make_member, login)
    opening = db.session.scalar(
        select(Post).where(Post.thread_id == scene["thread"].id, Post.position == 1)
    )
    response = client.post(f"/threads/posts/{opening.id}/delete", data={"confirmed": "1"})
    assert response.status_code in (302, 403)
    assert not opening.is_deleted


@pytest.mark.parametrize("actor", ACTORS)
def test_hidden_threads_are_only_for_moderators(actor, client, login, make_member, scene, db):
    scene["thread"].is_hidden = True
    db.session.commit()
    act_as(actor, scene, make_member, login)
    response = client.get(f"/threads/{scene['thread'].id}?page=1")
    # Its author may open it too, to read why it was hidden (cop/moderation).
    assert (response.status_code == 200) is (actor in ("author", "moderator", "admin"))
    listing = client.get("/threads/").get_data(as_text=True)
    assert (scene["thread"].title in listing) is (actor in ("moderator", "admin"))


def test_a_locked_thread_explains_why_it_takes_no_reply(client, login, scene, db):
    scene["thread"].is_locked = True
    db.session.commit()
    login(scene["author"])
    response = client.post(
        f"/threads/{scene['thread'].id}/reply", data={"body": "Hello there", "language": "en"}
    )
    assert response.status_code == 403
    assert "locked" in response.get_data(as_text=True)


def test_authors_cannot_edit_in_a_locked_thread(scene, db):
    scene["thread"].is_locked = True
    db.session.commit()
    assert not permissions.can_edit_post(scene["author"], scene["reply"])


def test_archived_tables_take_no_new_threads_from_members(make_member, make_category):
    table = make_category(is_archived=True)
    assert not permissions.can_start_thread(make_member(), table)
    assert permissions.can_start_thread(make_member(role=Role.MODERATOR), table)
    assert not permissions.can_start_thread(None, table)
