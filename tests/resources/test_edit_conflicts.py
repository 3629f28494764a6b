"""Two editors of one resource at once: the stale save is refused and loses nothing."""

from __future__ import annotations

from cop.resources.models import Resource
from tests.resources.conftest import share_data
from tests.threads.test_edit_conflicts import conflict_parts, shown_version


def test_a_stale_resource_edit_is_refused_and_shows_the_saved_text(
    client, login, make_member, make_resource, db
):
    sharer = make_member()
    resource = make_resource(sharer=sharer, title="A handbook")
    login(sharer)
    url = f"/resources/{resource.id}/edit"
    version = shown_version(client.get(url).get_data(as_text=True))
    first = share_data(title="The first tab's title", description="First words", version=version)
    assert client.post(url, data=first).status_code == 302

    second = {**first, "title": "The second tab's title", "description": "Second words"}
    response = client.post(url, data=second)

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    section, form = conflict_parts(html)
    assert "The first tab&#39;s title" in section and "Second words" in form
    db.session.expire_all()
    assert db.session.get(Resource, resource.id).title == "The first tab's title"
    assert shown_version(html) == version + 1
    assert client.post(url, data={**second, "version": version + 1}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Resource, resource.id).title == "The second tab's title"
