"""The notifications pages: header count, list, marking read, watching, email choices."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cop.members.models import Role
from cop.notifications import services
from cop.notifications.models import EmailPreference
from cop.threads import services as threads
from cop.watching import services as watches
from cop.watching.models import TargetType, Watch
from tests.corpora import naughty_sample
from tests.notifications.conftest import notifications_of


def _notify(db, member, actor, thread, count=1):
    for i in range(count):
        threads.reply_to_thread(author=actor, thread=thread, body=f"Reply {i}", language="en")
    db.session.commit()


def _notify_in_threads(db, member, actor, thread, count):
    """`count` notices, each in a thread of its own (replies in one thread are grouped)."""
    for i in range(count):
        other = threads.start_thread(
            author=member, category=thread.category, title=f"T{i}", body="Hi", language="en"
        )
        _notify(db, member, actor, other)


@pytest.fixture
def watched(db, make_member, make_thread):
    """(reader, other member, a thread the reader started)."""
    reader, other = make_member(), make_member()
    return reader, other, make_thread(author=reader)


def test_signed_in_pages_show_the_unread_count_in_the_header(client, login, db, watched):
    reader, other, thread = watched
    _notify(db, reader, other, thread, 3)
    second = threads.start_thread(
        author=reader, category=thread.category, title="Second", body="Hi", language="en"
    )
    _notify(db, reader, other, second, 1)
    login(reader)
    html = client.get("/threads/").get_data(as_text=True)
    assert 'class="unread-count">2<' in html  # three replies in one thread are one group


def test_the_header_count_costs_one_query_whatever_the_number(
    client, login, db, watched, count_queries
):
    reader, other, thread = watched
    login(reader)
    client.get("/notifications/")
    with count_queries() as few:
        client.get("/notifications/settings")
    _notify(db, reader, other, thread, 40)
    with count_queries() as many:
        client.get("/notifications/settings")
    assert len(few) == len(many)


def test_the_header_count_is_counted_for_pages_only(client, login, watched, monkeypatch):
    """Computed in Python before a page renders (the template reads a value): once per
    page, not for partials such as the live preview, which have no header."""
    from cop import headercounts

    calls = []
    monkeypatch.setattr(
        headercounts,
        "counts_for",
        lambda member: calls.append(member.id) or {"notifications": 2, "conversations": 0},
    )
    reader, _other, thread = watched
    login(reader)
    assert 'class="unread-count">2<' in client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert calls == [reader.id]
    assert "Mark all as read" in client.get("/notifications/").get_data(as_text=True)
    assert calls == [reader.id, reader.id]
    assert client.post("/threads/preview", data={"body": "*hi*"}).status_code == 200
    assert len(calls) == 2


def test_every_page_template_extends_base(app):
    """The rule add_unread_count uses to tell pages: not an email, a macro or a partial."""
    from cop.notifications.views import _is_page

    env = app.jinja_env

    def extends_base(name: str) -> bool:
        parent = re.search(r'{%\s*extends\s+"([^"]+)"', env.loader.get_source(env, name)[0])
        return parent is not None and (parent[1] == "base.html" or extends_base(parent[1]))

    names = [n for n in env.list_templates() if n.endswith(".html") and n != "base.html"]
    assert names
    for name in names:
        # A `_layout` extends base.html too, but only pages extending it are rendered.
        assert _is_page(name) == extends_base(name) or name.endswith("_layout.html"), name


def test_visitors_see_no_count_and_are_sent_to_sign_in(client):
    assert "unread-count" not in client.get("/").get_data(as_text=True)
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_the_notifications_page_lists_paginated_in_a_fixed_number_of_queries(
    client, login, db, watched, count_queries
):
    reader, other, thread = watched
    _notify(db, reader, other, thread, 1)
    _notify_in_threads(db, reader, other, thread, 1)
    login(reader)
    with count_queries() as few:
        html = client.get("/notifications/").get_data(as_text=True)
    assert html.count('class="notification is-unread"') == 2
    assert f"\u2068{other.display_name}\u2069 replied in" in html  # direction-isolated
    _notify_in_threads(db, reader, other, thread, 40)
    with count_queries() as many:
        html = client.get("/notifications/").get_data(as_text=True)
    assert len(few) == len(many)
    assert html.count('class="notification is-unread"') == services.PER_PAGE
    assert "/notifications/?page=2" in html


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(client, login, db, watched):
    reader, other, thread = watched
    _notify(db, reader, other, thread)
    (notice,) = notifications_of(db, reader)
    login(reader)
    response = client.post(f"/notifications/{notice.id}/open")
    assert response.status_code == 302
    assert f"/threads/posts/{notice.target_id}" in response.headers["Location"]
    assert notifications_of(db, reader)[0].read_at is not None


def test_mark_one_and_mark_all_read(client, login, db, watched):
    reader, other, thread = watched
    _notify_in_threads(db, reader, other, thread, 3)
    first, *_rest = notifications_of(db, reader)
    login(reader)
    client.post(f"/notifications/{first.id}/read", data={"next": "/notifications/"})
    assert len(notifications_of(db, reader, read_at=None)) == 2
    client.post("/notifications/read-all")
    assert notifications_of(db, reader, read_at=None) == []


def test_nobody_marks_or_opens_another_members_notification(client, login, db, watched):
    reader, other, thread = watched
    _notify(db, reader, other, thread)
    (notice,) = notifications_of(db, reader)
    login(other)
    assert client.post(f"/notifications/{notice.id}/read").status_code == 404
    assert client.post(f"/notifications/{notice.id}/open").status_code == 404
    assert notifications_of(db, reader)[0].read_at is None


def test_watch_and_mute_buttons_on_the_thread_page(client, login, db, make_member, make_thread):
    member = make_member()
    thread = make_thread()
    login(member)
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert 'name="action" value="watch"' in html
    form = {"target_type": "thread", "target_id": thread.id, "next": f"/threads/{thread.id}"}
    response = client.post("/notifications/watch", data={**form, "action": "watch"})
    assert response.headers["Location"].endswith(f"/threads/{thread.id}")
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert 'name="action" value="unwatch"' in html
    client.post("/notifications/watch", data={**form, "action": "mute"})
    db.session.expire_all()
    watch = db.session.scalar(select(Watch).where(Watch.member_id == member.id))
    assert watch.is_muted


def test_the_table_and_resource_pages_offer_watching(client, login, make_member, make_category):
    table = make_category()
    login(make_member())
    html = client.get(f"/threads/tables/{table.slug}").get_data(as_text=True)
    assert 'name="target_type" value="category"' in html


@pytest.mark.parametrize(
    "data, status",
    [
        ({"target_type": "thread", "target_id": "999999", "action": "watch"}, 404),
        ({"target_type": "planet", "target_id": "1", "action": "watch"}, 400),
        ({"target_type": "thread", "target_id": "x", "action": "watch"}, 400),
        ({"target_type": "category", "target_id": "1", "action": "explode"}, 400),
    ],
)
def test_bad_watch_requests_are_refused(client, login, make_member, data, status):
    login(make_member())
    assert client.post("/notifications/watch", data=data).status_code == status


def test_a_hidden_thread_cannot_be_watched_by_members(client, login, db, make_member, make_thread):
    thread = make_thread()
    thread.is_hidden = True
    db.session.commit()
    login(make_member())
    data = {"target_type": "thread", "target_id": thread.id, "action": "watch"}
    assert client.post("/notifications/watch", data=data).status_code == 404
    client.get("/auth/sign-out")


def test_moderators_may_watch_a_hidden_thread(client, login, db, make_member, make_thread):
    thread = make_thread()
    thread.is_hidden = True
    db.session.commit()
    login(make_member(role=Role.MODERATOR))
    data = {"target_type": "thread", "target_id": thread.id, "action": "watch"}
    assert client.post("/notifications/watch", data=data).status_code == 302


def test_email_choices_are_saved_per_kind(client, login, db, make_member):
    member = make_member()
    login(member)
    html = client.get("/notifications/settings").get_data(as_text=True)
    assert '<option selected value="immediate">' in html
    data = {
        "reply": "weekly",
        "mention": "none",
        "quote": "immediate",
        "new_thread": "daily",
        "new_version": "none",
        "moderation": "immediate",
        "approved": "none",
        "message": "daily",
        "reaction": "daily",  # cop/reactions
        "answer": "weekly",
        "reminder": "daily",  # bookmarks' reminders (cop.bookmarks)
    }
    assert client.post("/notifications/settings", data=data).status_code == 302
    modes = {k.value: m.value for k, m in services.email_modes(member.id).items()}
    assert {kind: modes[kind] for kind in data} == data
    assert modes["event_reminder"] == "immediate"  # a kind the form left out keeps its choice


@pytest.mark.parametrize("junk", [*naughty_sample(60), "", "daily; DROP TABLE members"])
def test_a_bad_email_choice_is_a_translated_error_not_a_500(client, login, db, make_member, junk):
    member = make_member(locale="es")
    login(member)
    data = dict.fromkeys(("reply", "mention", "quote", "new_thread", "new_version"), "daily")
    response = client.post("/notifications/settings", data={**data, "moderation": junk})
    assert response.status_code == 422
    assert db.session.scalars(select(EmailPreference)).all() == []


def test_the_settings_menus_link_the_email_choices(client, login, make_member):
    member = make_member()
    login(member)
    html = client.get("/members/settings/profile").get_data(as_text=True)
    assert "/notifications/settings" in html


def test_watch_state_is_none_for_visitors(app):
    from flask_login import AnonymousUserMixin

    assert watches.watch_state(AnonymousUserMixin(), TargetType.THREAD, 1) is None
