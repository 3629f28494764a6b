"""Approval tells the truth: what waits is announced as waiting, its author is told when
it is approved, the rule is the one the settings page states, and a resource's
discussion link never leads a reader to a 404."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.members.models import Role
from cop.moderation import content_actions
from cop.notifications.models import Kind, Notification
from cop.sitesettings import forget_cached_settings
from cop.threads import services as threads
from cop.threads.models import Post, Thread
from tests.resources.conftest import resource_fields


@pytest.fixture
def approval(app):
    app.config["MODERATION_APPROVAL_COUNT"] = 2
    yield
    app.config["MODERATION_APPROVAL_COUNT"] = 0


def _notices(db, member, kind: Kind) -> list[Notification]:
    db.session.expire_all()
    query = select(Notification).where(
        Notification.recipient_id == member.id, Notification.kind == kind.value
    )
    return list(db.session.scalars(query))


def test_a_newcomers_thread_is_announced_as_waiting_not_published(
    approval, client, login, make_member, make_category
):
    table = make_category()
    login(make_member())
    response = client.post(
        "/threads/new",
        data={"category": table.id, "title": "First words", "body": "Hello", "language": "en"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "waits for a moderator" in page
    assert "Your thread is published." not in page


def test_a_newcomers_reply_is_announced_as_waiting_not_published(
    approval, client, login, make_member, make_thread
):
    thread = make_thread(author=make_member(role=Role.MODERATOR))
    login(make_member())
    response = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "My first reply", "language": "en"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Your reply waits for a moderator" in page
    assert "Your reply is published." not in page


def test_a_regular_members_reply_is_announced_as_published(client, login, make_member, make_thread):
    thread = make_thread()
    login(make_member())
    response = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": "A reply", "language": "en"},
        follow_redirects=True,
    )
    assert "Your reply is published." in response.get_data(as_text=True)


def test_the_author_is_told_in_app_and_by_email_when_a_thread_is_approved(
    approval, app, client, login_as, make_member, make_category, db
):
    newcomer = make_member(locale="es")
    thread = threads.start_thread(
        author=newcomer, category=make_category(), title="Mi tema", body="Hola", language="es"
    )
    db.session.commit()
    assert thread.is_pending
    login_as(make_member(role=Role.MODERATOR))
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    client.post(f"/moderation/posts/{post.id}/approve")
    (notice,) = _notices(db, newcomer, Kind.APPROVED)
    assert notice.target_type == "thread" and notice.target_id == thread.id
    emails = [m for m in app.extensions["mailman"].outbox if newcomer.email in m.to]
    assert len(emails) == 1
    assert "Mi tema" in emails[0].body and "aprob" in emails[0].body.lower()
    login_as(newcomer)
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "Mi tema" in listing


def test_an_author_who_wants_no_approval_email_is_told_only_in_the_app(
    approval, app, client, login_as, make_member, make_thread, db
):
    from cop.notifications import services as notifications
    from cop.notifications.models import Mode

    newcomer = make_member()
    notifications.set_email_modes(newcomer, {Kind.APPROVED: Mode.NONE})
    thread = make_thread(author=make_member(role=Role.MODERATOR))
    post = threads.reply_to_thread(author=newcomer, thread=thread, body="Hi", language="en")
    db.session.commit()
    assert post.is_pending
    login_as(make_member(role=Role.MODERATOR))
    client.post(f"/moderation/posts/{post.id}/approve")
    assert len(_notices(db, newcomer, Kind.APPROVED)) == 1
    assert not [m for m in app.extensions["mailman"].outbox if newcomer.email in m.to]


def test_the_approval_notice_stays_when_the_post_is_hidden_later(
    approval, make_member, make_thread, db
):
    moderator = make_member(role=Role.MODERATOR)
    newcomer = make_member()
    thread = make_thread(author=moderator)
    post = threads.reply_to_thread(author=newcomer, thread=thread, body="Hi", language="en")
    content_actions.approve_content(post, moderator=moderator)
    content_actions.hide_content(post, moderator=moderator, reason="Off topic")
    db.session.commit()
    assert len(_notices(db, newcomer, Kind.APPROVED)) == 1
    assert len(_notices(db, newcomer, Kind.MODERATION)) == 1


def test_the_email_settings_offer_the_approval_notice(client, login, make_member):
    login(make_member())
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert 'name="approved"' in page


# The rule, as the admin's settings page states it


def _save_approval_count(client, count: int) -> str:
    response = client.post(
        "/admin/settings",
        data={
            "approval_count": count,
            "new_member_posts": 10,
            "link_limit": 100,
            "upload_limit_mb": 50,
            "registration_open": "y",
        },
    )
    assert response.status_code == 302
    forget_cached_settings()
    return client.get("/admin/settings").get_data(as_text=True)


@pytest.mark.parametrize("count", [0, 1, 2])
def test_posts_wait_until_as_many_were_approved_as_the_settings_page_states(
    count, client, login, make_member, make_thread, db
):
    admin = make_member(role=Role.ADMIN)
    login(admin)
    page = _save_approval_count(client, count)
    assert "until this many of them have been approved" in page
    thread = make_thread(author=admin)
    newcomer = make_member()

    def write() -> Post:
        post = threads.reply_to_thread(author=newcomer, thread=thread, body="Hi", language="en")
        db.session.commit()
        return post

    # Without approvals, nothing the newcomer writes is published at once (count > 0).
    waiting = [write() for _ in range(count + 2)]
    assert [p.is_pending for p in waiting] == [count > 0] * (count + 2)
    # Once `count` of them are approved, the next posts appear at once.
    for post in waiting[:count]:
        content_actions.approve_content(post, moderator=admin)
    db.session.commit()
    assert not write().is_pending
    assert not write().is_pending


# A newcomer's resource and its discussion


def test_a_resource_links_its_waiting_discussion_only_for_its_sharer_and_moderators(
    approval, client, login_as, make_member, make_category, db
):
    from cop.resources import services as resources

    newcomer = make_member()
    resource = resources.create_resource(
        sharer=newcomer, fields=resource_fields(), category=make_category()
    )
    db.session.commit()
    thread = db.session.scalar(select(Thread).where(Thread.id == resource.thread_id))
    assert thread.is_pending
    link = f'href="/threads/{thread.id}"'
    url = f"/resources/{resource.id}"
    assert link not in client.get(url).get_data(as_text=True)  # a visitor
    login_as(make_member())
    assert link not in client.get(url).get_data(as_text=True)
    login_as(newcomer)
    own = client.get(url).get_data(as_text=True)
    assert link in own and "The discussion waits for a moderator" in own
    moderator = make_member(role=Role.MODERATOR)
    login_as(moderator)
    assert link in client.get(url).get_data(as_text=True)
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    client.post(f"/moderation/posts/{post.id}/approve")
    client.post("/auth/sign-out")
    assert link in client.get(url).get_data(as_text=True)  # a visitor's cached page too
    login_as(make_member())
    assert link in client.get(url).get_data(as_text=True)
    assert client.get(f"/threads/{thread.id}").status_code == 200
