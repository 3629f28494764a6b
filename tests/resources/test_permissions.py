"""Who may do what with a resource, asked of every endpoint on the server."""

from __future__ import annotations

import pytest

from cop.members.models import Role
from cop.resources import services
from tests.resources.conftest import PDF, file_part

ROLES = ("anonymous", "member", "author", "moderator", "admin")


@pytest.fixture
def setup(db, make_member, make_resource, login):
    """setup(role, removed=False) -> (resource, signed-in member or None)."""

    def prepare(role: str, removed: bool = False):
        author = make_member()
        resource = make_resource(sharer=author, title="Shared handbook")
        if removed:
            services.remove_resource(resource, moderator=make_member(role=Role.MODERATOR))
            db.session.commit()
        member = {
            "anonymous": None,
            "member": make_member(),
            "author": author,
            "moderator": make_member(role=Role.MODERATOR),
            "admin": make_member(role=Role.ADMIN),
        }[role]
        if member is not None:
            login(member)
        return resource, member

    return prepare


def expect(response, wanted: int) -> None:
    response.get_data()
    response.close()
    assert response.status_code == wanted, response.status_code


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 200), ("member", 200), ("author", 200), ("moderator", 200), ("admin", 200)],
)
def test_everyone_browses_and_downloads_resources(client, setup, role, status):
    resource, _ = setup(role)
    expect(client.get("/resources/"), status)
    expect(client.get(f"/resources/{resource.id}"), status)
    expect(client.get(f"/resources/{resource.id}/files/{resource.files[0].id}/download"), status)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("member", 404), ("author", 404), ("moderator", 200), ("admin", 200)],
)
def test_only_moderators_see_removed_resources(client, setup, role, status):
    resource, _ = setup(role, removed=True)
    expect(client.get(f"/resources/{resource.id}"), status)
    expect(client.get(f"/resources/{resource.id}/files/{resource.files[0].id}/download"), status)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 200), ("author", 200), ("moderator", 200), ("admin", 200)],
)
def test_members_share(client, setup, role, status):
    setup(role)
    response = client.get("/resources/share")
    expect(response, status)
    if role == "anonymous":
        assert "/auth/sign-in" in response.location


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("author", 200), ("moderator", 200), ("admin", 200)],
)
def test_authors_and_moderators_edit_and_add_versions(client, setup, role, status):
    resource, _ = setup(role)
    expect(client.get(f"/resources/{resource.id}/edit"), status)
    expect(client.get(f"/resources/{resource.id}/versions/new"), status)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("author", 302), ("moderator", 302), ("admin", 302)],
)
def test_only_authors_and_moderators_change_a_resource(client, db, setup, role, status):
    resource, _ = setup(role)
    response = client.post(
        f"/resources/{resource.id}/edit",
        data={
            "title": "A new title",
            "type": "toolkit",
            "original_language": "en",
            "licence": "cc0-1.0",
            "country": "",
        },
    )
    expect(response, status)
    response = client.post(
        f"/resources/{resource.id}/versions/new",
        data={"language": "fr", "file": file_part(PDF, "guide.pdf")},
        content_type="multipart/form-data",
    )
    expect(response, status)
    db.session.refresh(resource)
    changed = role in ("author", "moderator", "admin")
    assert (resource.title == "A new title") is changed
    assert ("fr" in resource.languages) is changed


@pytest.mark.parametrize(
    ("role", "status"),
    # A visitor is sent to sign in (302 to the sign-in page); nothing changes.
    [("anonymous", 302), ("member", 403), ("author", 403), ("moderator", 302), ("admin", 302)],
)
def test_only_moderators_remove(client, db, setup, role, status):
    resource, _ = setup(role)
    response = client.post(
        f"/resources/{resource.id}/remove", data={"reason": "spam", "confirmed": "1"}
    )
    expect(response, status)
    db.session.refresh(resource)
    assert resource.is_removed is (role in ("moderator", "admin"))


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("author", 403), ("moderator", 302), ("admin", 302)],
)
def test_only_moderators_restore(client, db, setup, role, status):
    resource, _ = setup(role, removed=True)
    expect(client.post(f"/resources/{resource.id}/restore"), status)
    db.session.refresh(resource)
    assert resource.is_removed is (role not in ("moderator", "admin"))


def test_a_removed_resource_keeps_its_files_and_comes_back_whole(client, db, setup, upload_folder):
    from tests.resources.conftest import stored_blobs

    resource, _ = setup("moderator")
    client.post(
        f"/resources/{resource.id}/remove", data={"reason": "Duplicate of #3", "confirmed": "1"}
    )
    db.session.refresh(resource)
    assert resource.removal_reason == "Duplicate of #3"
    assert len(stored_blobs(upload_folder)) == 1
    page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert "Only moderators see it." in page
    client.post(f"/resources/{resource.id}/restore")
    db.session.refresh(resource)
    assert not resource.is_removed
    assert resource.removed_by is None


def test_an_author_cannot_edit_once_the_resource_is_removed(client, db, setup):
    resource, _author = setup("author", removed=True)
    expect(client.get(f"/resources/{resource.id}/edit"), 404)


def test_edit_and_version_buttons_show_only_to_who_may_use_them(client, setup):
    resource, _ = setup("member")
    page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert f"/resources/{resource.id}/edit" not in page
    assert "/remove" not in page
