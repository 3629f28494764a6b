"""Every discussion page renders for a visitor and for a member."""

from __future__ import annotations


def test_pages_render_for_visitors(client, make_thread):
    thread = make_thread(replies=2)
    for url in (
        "/threads/",
        "/threads/tables",
        f"/threads/tables/{thread.category.slug}",
        f"/threads/{thread.id}",
        "/threads/feed.atom",
        f"/threads/{thread.id}/feed.atom",
        f"/threads/tables/{thread.category.slug}/feed.atom",
        "/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_render_for_members(client, login, make_member, make_thread):
    member = make_member()
    thread = make_thread(author=member, replies=1)
    login(member)
    for url in (
        "/threads/",
        "/threads/new",
        f"/threads/{thread.id}",
        f"/threads/{thread.id}/reply",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
