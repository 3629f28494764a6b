"""Bookmarks: the services, the button in a page, the page, the note and the reminder."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from cop.bookmarks import reminders, services
from cop.bookmarks.models import NOTE_MAX, Bookmark
from cop.members.models import Role
from cop.notifications.models import Notification
from tests.corpora import naughty_strings


def _count(db) -> int:
    return db.session.scalar(select(func.count(Bookmark.id)))


def _bookmark(client, kind: str, target_id: int, next_url: str = "/"):
    return client.post(
        "/bookmarks/add", data={"kind": kind, "target_id": str(target_id), "next": next_url}
    )


# Services


def test_adding_twice_keeps_one_bookmark(db, make_member, make_thread):
    member, thread = make_member(), make_thread()
    assert services.add_bookmark(member, "thread", thread.id) is True
    assert services.add_bookmark(member, "thread", thread.id) is False
    db.session.commit()
    assert _count(db) == 1


def test_a_new_reminder_date_reminds_again(db, make_member, make_thread):
    member, thread = make_member(), make_thread()
    services.add_bookmark(member, "thread", thread.id)
    bookmark = services.bookmark_of(member, "thread", thread.id)
    services.update_bookmark(bookmark, note="read", remind_on=date(2026, 1, 1))
    bookmark.is_reminded = True
    services.update_bookmark(bookmark, note="read", remind_on=date(2026, 2, 1))
    assert bookmark.is_reminded is False


# The buttons, filled per reader


def test_a_member_bookmarks_a_post_from_the_thread_page(
    client, db, login, make_member, make_thread
):
    member, thread = make_member(), make_thread(replies=1)
    login(member)
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert page.count('action="/bookmarks/add"') == 3  # the thread and its two posts
    post_id = thread.last_post_id
    response = _bookmark(client, "post", post_id, f"/threads/{thread.id}?page=1")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/threads/{thread.id}?page=1#post-{post_id}")
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert page.count('action="/bookmarks/add"') == 2
    assert "Remove bookmark" in page


def test_bookmark_state_never_reaches_visitors_or_other_members(
    client, app, db, login, make_member, make_thread
):
    owner, other, thread = make_member(), make_member(), make_thread(replies=1)
    services.add_bookmark(owner, "post", thread.last_post_id)
    db.session.commit()
    slot = app.extensions["cop.bookmark_slot"]
    visitor_page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert slot not in visitor_page and "bookmarks/add" not in visitor_page
    login(owner)
    assert "Remove bookmark" in client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    client.post("/auth/sign-out")
    login(other)
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "Remove bookmark" not in page and slot not in page
    client.post("/auth/sign-out")
    assert "Remove bookmark" not in client.get(f"/threads/{thread.id}?page=1").get_data(
        as_text=True
    )


def test_resources_and_events_have_the_button(
    client, login, make_member, make_resource, make_event
):
    member, resource, event = make_member(), make_resource(), make_event()
    login(member)
    for path in (f"/resources/{resource.id}", f"/events/{event.id}"):
        assert 'action="/bookmarks/add"' in client.get(path).get_data(as_text=True)
    assert _bookmark(client, "resource", resource.id).status_code == 302
    assert _bookmark(client, "event", event.id).status_code == 302
    page = client.get("/bookmarks/").get_data(as_text=True)
    assert "A resource" in page and event.title in page
    assert event.title not in client.get("/bookmarks/?kind=resource").get_data(as_text=True)


# Hidden content


def test_a_hidden_thread_shows_as_unavailable_never_its_title(
    client, db, login, make_member, make_thread
):
    member = make_member()
    thread = make_thread(title="Secret plans of the table")
    login(member)
    _bookmark(client, "thread", thread.id)
    _bookmark(client, "post", thread.last_post_id)
    thread.is_hidden = True
    db.session.commit()
    page = client.get("/bookmarks/").get_data(as_text=True)
    assert "Secret plans" not in page
    assert page.count("No longer available") == 2
    bookmark = db.session.scalar(select(Bookmark).where(Bookmark.kind == "thread"))
    edit = client.get(f"/bookmarks/{bookmark.id}/edit").get_data(as_text=True)
    assert "Secret plans" not in edit and "No longer available" in edit


def test_nobody_bookmarks_what_they_cannot_see(client, db, login, make_member, make_thread):
    thread = make_thread()
    thread.is_hidden = True
    db.session.commit()
    login(make_member())
    assert _bookmark(client, "thread", thread.id).status_code == 404
    assert _bookmark(client, "thread", 2_147_483_647).status_code == 404
    assert _bookmark(client, "nonsense", thread.id).status_code == 404
    assert _bookmark(client, "post", "99999999999999999999").status_code == 404
    assert _count(db) == 0


# The note, the date, removal; another's bookmarks


def test_a_member_edits_the_note_and_the_date(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    _bookmark(client, "thread", thread.id)
    bookmark = db.session.scalar(select(Bookmark))
    response = client.post(
        f"/bookmarks/{bookmark.id}/edit", data={"note": "  To read  ", "remind_on": "2027-03-01"}
    )
    assert response.status_code == 302
    db.session.refresh(bookmark)
    assert (bookmark.note, bookmark.remind_on) == ("To read", date(2027, 3, 1))


@pytest.mark.parametrize(
    "data",
    [
        {"note": "x" * (NOTE_MAX + 1), "remind_on": ""},
        {"note": "fine", "remind_on": "9999-99-99"},
        {"note": "fine", "remind_on": "3000-01-01"},
        {"note": "fine", "remind_on": "tomorrow"},
    ],
)
def test_bad_input_is_a_translated_error_keeping_what_was_typed(
    client, db, login, make_member, make_thread, data
):
    member, thread = make_member(locale="es"), make_thread()
    login(member)
    _bookmark(client, "thread", thread.id)
    bookmark = db.session.scalar(select(Bookmark))
    response = client.post(f"/bookmarks/{bookmark.id}/edit", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error"' in page
    assert data["note"][:50] in page


def test_a_note_with_a_nul_byte_is_refused_not_a_500(client, db, login, make_member, make_thread):
    login(make_member())
    _bookmark(client, "thread", make_thread().id)
    bookmark = db.session.scalar(select(Bookmark))
    response = client.post(f"/bookmarks/{bookmark.id}/edit", data={"note": "a\x00b"})
    assert response.status_code == 400


def test_naughty_strings_are_kept_as_typed_in_notes(client, db, login, make_member, make_thread):
    login(make_member())
    _bookmark(client, "thread", make_thread().id)
    bookmark = db.session.scalar(select(Bookmark))
    for text in naughty_strings():
        response = client.post(f"/bookmarks/{bookmark.id}/edit", data={"note": text})
        assert response.status_code in (302, 400, 422), text
        assert client.get("/bookmarks/").status_code == 200


def test_a_member_never_sees_nor_edits_anothers_bookmark(
    client, db, login, make_member, make_thread
):
    owner, other = make_member(), make_member()
    thread = make_thread(title="Mine alone")
    services.add_bookmark(owner, "thread", thread.id)
    db.session.commit()
    bookmark = db.session.scalar(select(Bookmark))
    services.update_bookmark(bookmark, note="private note", remind_on=None)
    db.session.commit()
    login(other)
    assert "private note" not in client.get("/bookmarks/").get_data(as_text=True)
    assert client.get(f"/bookmarks/{bookmark.id}/edit").status_code == 404
    assert client.post(f"/bookmarks/{bookmark.id}/edit", data={"note": "x"}).status_code == 404
    assert client.post(f"/bookmarks/{bookmark.id}/remove").status_code == 404
    client.post("/bookmarks/remove", data={"kind": "thread", "target_id": str(thread.id)})
    assert _count(db) == 1


def test_a_member_removes_a_bookmark(client, db, login, make_member, make_thread):
    member, thread = make_member(), make_thread()
    login(member)
    _bookmark(client, "thread", thread.id)
    bookmark = db.session.scalar(select(Bookmark))
    assert client.post(f"/bookmarks/{bookmark.id}/remove").status_code == 302
    assert _count(db) == 0


ROUTES = [
    ("post", "/bookmarks/add"),
    ("post", "/bookmarks/remove"),
    ("get", "/bookmarks/{id}/edit"),
    ("post", "/bookmarks/{id}/edit"),
    ("post", "/bookmarks/{id}/remove"),
    ("get", "/bookmarks/"),
]


@pytest.mark.parametrize("method,path", ROUTES)
@pytest.mark.parametrize("who", ["anonymous", "member", "owner", "moderator", "suspended"])
def test_permission_matrix(client, db, login, make_member, make_thread, method, path, who):
    owner = make_member()
    thread = make_thread()
    services.add_bookmark(owner, "thread", thread.id)
    db.session.commit()
    bookmark = db.session.scalar(select(Bookmark))
    if who == "owner":
        login(owner)
    elif who == "member":
        login(make_member())
    elif who == "moderator":
        login(make_member(role=Role.MODERATOR))
    elif who == "suspended":
        from datetime import timedelta

        from cop.models import utcnow
        from cop.moderation.sanctions import suspend_member

        suspended = make_member()
        suspend_member(
            suspended,
            moderator=make_member(role=Role.MODERATOR),
            until=utcnow() + timedelta(days=2),
            reason="test",
        )
        db.session.commit()
        login(suspended)
    data = {"kind": "thread", "target_id": str(thread.id), "note": "changed"}
    response = getattr(client, method)(path.format(id=bookmark.id), data=data)
    if who == "anonymous":
        assert response.status_code in (302, 401)
        assert "/auth/sign-in" in response.headers.get("Location", "")
    elif who in ("member", "moderator", "suspended") and "{id}" in path:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302)
    bookmark_id = bookmark.id
    db.session.expunge_all()
    kept = db.session.scalar(select(Bookmark).where(Bookmark.id == bookmark_id))
    if who == "owner" and path.endswith("remove"):
        assert kept is None
    else:
        edited = who == "owner" and method == "post" and path.endswith("edit")
        assert kept.note == ("changed" if edited else "")


# Reminders


def test_a_reminder_is_sent_once_on_its_day(db, make_member, make_thread):
    member, thread = make_member(), make_thread(title="Plan for spring")
    services.add_bookmark(member, "thread", thread.id)
    bookmark = services.bookmark_of(member, "thread", thread.id)
    services.update_bookmark(bookmark, note="check", remind_on=date(2027, 1, 10))
    db.session.commit()
    assert reminders.send_due_reminders(date(2027, 1, 9)) == 0
    assert reminders.send_due_reminders(date(2027, 1, 10)) == 1
    db.session.commit()
    assert reminders.send_due_reminders(date(2027, 1, 11)) == 0
    notice = db.session.scalar(select(Notification))
    assert notice.recipient_id == member.id and notice.kind == "reminder"
    assert notice.payload["title"] == "Plan for spring"


def test_a_reminder_of_hidden_content_does_not_tell_it(app, db, make_member, make_thread):
    from cop.notifications.messages import describe

    member, thread = make_member(), make_thread(title="Gone soon")
    services.add_bookmark(member, "thread", thread.id)
    bookmark = services.bookmark_of(member, "thread", thread.id)
    services.update_bookmark(bookmark, note="", remind_on=date(2027, 1, 10))
    thread.is_hidden = True
    db.session.commit()
    assert reminders.send_due_reminders(date(2027, 1, 10)) == 1
    db.session.commit()
    notice = db.session.scalar(select(Notification))
    assert "Gone soon" not in str(notice.payload)
    with app.test_request_context():
        assert "no longer available" in describe(notice)


def test_the_cron_command_sends_the_reminders(app, db, make_member, make_thread):
    member, thread = make_member(), make_thread()
    services.add_bookmark(member, "thread", thread.id)
    bookmark = services.bookmark_of(member, "thread", thread.id)
    services.update_bookmark(bookmark, note="", remind_on=date(2000, 1, 1))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "send-notifications"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Notification.id))) == 1
    assert re.search("reminder", db.session.scalar(select(Notification.kind)))
