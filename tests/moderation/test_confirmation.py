"""Destructive actions ask "Are you sure?" on a page when no JavaScript dialog did."""

from __future__ import annotations

from cop.members.models import Role
from cop.resources.models import Resource
from cop.threads.models import Post


def test_deleting_a_post_without_javascript_asks_first(client, login_as, scene, db):
    post = scene["post"]
    login_as(scene["author"])
    url = f"/threads/posts/{post.id}/delete"
    for asked in (client.get(url), client.post(url)):  # the page's own button, unconfirmed
        assert asked.status_code == 200
        page = asked.get_data(as_text=True)
        assert "Delete this post?" in page and "Reply 1" in page
        assert 'name="confirmed" value="1"' in page and f'action="{url}"' in page
    db.session.expire_all()
    assert not db.session.get(Post, post.id).is_deleted
    assert client.post(url, data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).is_deleted


def test_the_delete_button_carries_the_dialog_that_skips_the_page(client, login_as, scene):
    login_as(scene["author"])
    page = client.get(f"/threads/{scene['thread'].id}?page=1").get_data(as_text=True)
    assert f'action="/threads/posts/{scene["post"].id}/delete"' in page
    assert "data-confirm=" in page


def test_the_confirmation_page_checks_who_may_delete(client, login_as, make_member, scene):
    login_as(make_member())
    assert client.get(f"/threads/posts/{scene['post'].id}/delete").status_code == 403


def test_removing_a_resource_asks_first_and_keeps_the_typed_reason(
    client, login_as, make_member, scene, db
):
    resource = scene["resource"]
    login_as(make_member(role=Role.MODERATOR))
    url = f"/resources/{resource.id}/remove"
    asked = client.post(url, data={"reason": "Duplicado de otro"})
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    assert "Remove this resource?" in page and "Duplicado de otro" in page
    db.session.expire_all()
    assert not db.session.get(Resource, resource.id).is_removed
    done = client.post(url, data={"reason": "Duplicado de otro", "confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    removed = db.session.get(Resource, resource.id)
    assert removed.is_removed and removed.removal_reason == "Duplicado de otro"


def test_a_too_long_removal_reason_is_shown_again_with_its_error(
    client, login_as, make_member, scene, db
):
    login_as(make_member(role=Role.MODERATOR))
    reason = "x" * 600
    response = client.post(
        f"/resources/{scene['resource'].id}/remove", data={"reason": reason, "confirmed": "1"}
    )
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(Resource, scene["resource"].id).is_removed
