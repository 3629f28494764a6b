"""Every moderation and admin action, for anonymous, member, author, moderator, admin."""

from __future__ import annotations

import pytest

from tests.moderation.conftest import ACTORS

MODERATORS = {"moderator", "admin"}
MEMBERS = {"member", "moderator", "admin"}  # reporting one's own item is not offered


def _actions(scene, category_id):
    thread, post, resource, author = (
        scene["thread"], scene["post"], scene["resource"], scene["author"],
    )  # fmt: skip
    reason = {"reason": "A reason"}
    return {
        # name: (method, url, data, allowed actors)
        "report_post": ("POST", f"/moderation/report/post/{post.id}", {"reason": "spam"}, MEMBERS),
        "queue": ("GET", "/moderation/", None, MODERATORS),
        "pending": ("GET", "/moderation/pending", None, MODERATORS),
        "log": ("GET", "/moderation/log", None, MODERATORS),
        "languages": ("GET", "/moderation/settings", None, MODERATORS),
        "moderate_post": ("GET", f"/moderation/post/{post.id}", None, MODERATORS),
        "hide_post": ("POST", f"/moderation/post/{post.id}/hide", reason, MODERATORS),
        "hide_thread": ("POST", f"/moderation/thread/{thread.id}/hide", reason, MODERATORS),
        "hide_resource": ("POST", f"/moderation/resource/{resource.id}/hide", reason, MODERATORS),
        "lock": ("POST", f"/moderation/thread/{thread.id}/lock", reason, MODERATORS),
        "pin": ("POST", f"/moderation/thread/{thread.id}/pin", reason, MODERATORS),
        "pin_globally": ("POST", f"/moderation/thread/{thread.id}/pin_globally", {}, MODERATORS),
        "move": (
            "POST",
            f"/moderation/thread/{thread.id}/move",
            {"category": category_id},
            MODERATORS,
        ),
        "split": (
            "POST",
            f"/moderation/thread/{thread.id}/split",
            {"posts": [post.id], "title": "Split off here"},
            MODERATORS,
        ),
        "approve": ("POST", f"/moderation/posts/{post.id}/approve", {}, MODERATORS),
        "reject": ("POST", f"/moderation/posts/{post.id}/reject", reason, MODERATORS),
        "member_page": ("GET", f"/moderation/members/{author.handle}", None, MODERATORS),
        "warn": (
            "POST",
            f"/moderation/members/{author.handle}/warn",
            {"message": "Hey"},
            MODERATORS,
        ),
        "suspend": (
            "POST",
            f"/moderation/members/{author.handle}/suspend",
            {"until": "2099-01-01", "reason": "Cool down"},
            MODERATORS,
        ),
        "ban": ("POST", f"/moderation/members/{author.handle}/ban", reason, MODERATORS),
        "dashboard": ("GET", "/admin/", None, {"admin"}),
        "roles": ("GET", "/admin/members", None, {"admin"}),
        "set_role": ("POST", f"/admin/members/{author.id}/role", {"role": "moderator"}, {"admin"}),
        "settings": ("GET", "/admin/settings", None, {"admin"}),
        "archive": ("POST", f"/admin/tables/{category_id}/archive", {}, {"admin"}),
    }


ACTION_NAMES = [
    "report_post", "queue", "pending", "log", "languages", "moderate_post", "hide_post",
    "hide_thread", "hide_resource", "lock", "pin", "pin_globally", "move", "split", "approve",
    "reject", "member_page", "warn", "suspend", "ban", "dashboard", "roles", "set_role",
    "settings", "archive",
]  # fmt: skip


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", ACTION_NAMES)
def test_each_action_checks_the_role_on_the_server(
    action, actor, client, scene, act_as, make_category
):
    other = make_category()
    method, url, data, allowed = _actions(scene, other.id)[action]
    act_as(actor, scene)
    response = client.open(url, method=method, data=data)
    if actor in allowed:
        assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
        assert "/auth/sign-in" not in response.headers.get("Location", "")
    elif actor == "anonymous":
        assert response.status_code in (302, 401)
        assert "/auth/sign-in" in response.headers.get("Location", "")
    else:
        assert response.status_code in (403, 404)
