"""The unread view: threads with posts since the member last read them, across tables."""

from __future__ import annotations

import pytest

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.threads import reading, services, unread
from cop.threads.models import ThreadRead
from tests.corpora import naughty_sample


def _read(db, member, thread):
    reading.mark_thread_read(member, thread, thread.last_post_id)
    db.session.commit()


def _reply(db, author, thread, body="New words"):
    post = services.reply_to_thread(author=author, thread=thread, body=body, language="en")
    db.session.commit()
    return post


def test_threads_with_posts_since_reading_are_listed_newest_activity_first(
    db, client, login, make_member, make_category, make_thread
):
    reader, other = make_member(), make_member()
    older = make_thread(title="Older talk", category=make_category())
    newer = make_thread(title="Newer talk", category=make_category())  # another table
    read = make_thread(title="All read")
    never = make_thread(title="Never opened")
    for thread in (older, newer, read):
        _read(db, reader, thread)
    _reply(db, other, older)
    _reply(db, other, newer)
    login(reader)
    html = client.get("/threads/unread").get_data(as_text=True)
    assert html.index("Newer talk") < html.index("Older talk")
    assert "All read" not in html and "Never opened" not in html
    assert never.id  # never opened: new, not unread (the lists mark it)


def test_hidden_threads_are_not_listed_to_members(db, client, login, make_member, make_thread):
    reader, other = make_member(), make_member()
    thread = make_thread(title="Soon hidden")
    _read(db, reader, thread)
    _reply(db, other, thread)
    thread.is_hidden = True
    db.session.commit()
    login(reader)
    assert "Soon hidden" not in client.get("/threads/unread").get_data(as_text=True)


def test_mark_all_read_marks_what_was_shown_and_not_a_later_post(
    db, client, login, make_member, make_thread
):
    reader, other = make_member(), make_member()
    first, second = make_thread(title="First"), make_thread(title="Second")
    _read(db, reader, first)
    _read(db, reader, second)
    _reply(db, other, first)
    _reply(db, other, second)
    login(reader)
    page, upto = unread.unread_threads(reader, 1)
    assert page.total == 2
    _reply(db, other, first)  # written after the page was shown
    response = client.post("/threads/unread/read", data={"upto": str(upto)})
    assert response.status_code == 302
    html = client.get("/threads/unread").get_data(as_text=True)
    assert "1 discussion marked as read." in html
    assert "First" in html and "Second" not in html
    # A second press marks nothing more and says so.
    client.post("/threads/unread/read", data={"upto": str(upto)})
    assert "0 discussions marked as read." in client.get("/threads/unread").get_data(as_text=True)
    db.session.expire_all()
    mark = db.session.get(ThreadRead, (reader.id, second.id))
    assert mark.last_read_post_id == second.last_post_id


def test_the_view_is_paginated_in_a_fixed_number_of_queries(
    db, client, login, make_member, make_category, make_thread, count_queries
):
    reader, other = make_member(), make_member()
    table = make_category()

    def grow(count):
        for _ in range(count):
            thread = make_thread(category=table, author=other)
            _read(db, reader, thread)
            _reply(db, other, thread)

    grow(2)
    login(reader)
    client.get("/threads/unread")
    with count_queries() as few:
        assert client.get("/threads/unread").status_code == 200
    grow(33)
    client.get("/threads/unread?page=2")
    with count_queries() as many:
        html = client.get("/threads/unread?page=2").get_data(as_text=True)
    assert len(few) == len(many) <= 9
    assert "35 discussions with new posts" in html


@pytest.mark.parametrize("upto", ["", "abc", "-1", "٣", "9" * 40, "1e9", *naughty_sample(8)])
def test_bad_input_to_mark_all_read_is_never_a_500(db, client, login, make_member, upto):
    login(make_member())
    response = client.post("/threads/unread/read", data={"upto": upto})
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["anonymous", "member", "moderator", "admin", "suspended"])
def test_permission_matrix_of_the_unread_view(db, client, login, make_member, make_thread, who):
    thread = make_thread(title="Shared talk")
    other = make_member()
    if who != "anonymous":
        role = {"moderator": Role.MODERATOR, "admin": Role.ADMIN}.get(who, Role.MEMBER)
        member = make_member(role=role)
        _read(db, member, thread)
        _reply(db, other, thread)
        if who == "suspended":
            until = utcnow().replace(year=2999)
            db.session.add(MemberRestriction(member=member, suspended_until=until))
            db.session.commit()
        login(member)
    page = client.get("/threads/unread")
    marked = client.post("/threads/unread/read", data={"upto": "999999"})
    if who == "anonymous":
        assert page.status_code == 302 and "/auth/sign-in" in page.headers["Location"]
        assert marked.status_code == 302 and "/auth/sign-in" in marked.headers["Location"]
    else:
        assert page.status_code == 200 and "Shared talk" in page.get_data(as_text=True)
        assert marked.status_code == 302


def test_the_header_menu_and_notifications_link_to_the_unread_view(client, login, make_member):
    login(make_member())
    assert 'href="/threads/unread"' in client.get("/").get_data(as_text=True)
    assert 'href="/threads/unread"' in client.get("/notifications/").get_data(as_text=True)
