"""Uploading, serving and removing avatars."""

from __future__ import annotations

import io

from PIL import Image

from cop.members.models import MemberAvatar
from tests.members.conftest import image_bytes


def _upload(client, data: bytes, name: str = "me.png"):
    return client.post(
        "/members/settings/avatar",
        data={"image": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_member_without_a_picture_gets_an_initials_svg_cached_under_its_version(
    client, make_member
):
    member = make_member(display_name="Μαρία Κωνσταντίνου")
    url = f"/members/{member.handle}/avatar?v={member.avatar_version}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert "ΜΚ" in response.get_data(as_text=True)
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_an_unversioned_avatar_url_is_revalidated(client, make_member):
    member = make_member()
    response = client.get(f"/members/{member.handle}/avatar")
    assert "no-cache" in response.headers["Cache-Control"]


def test_uploading_a_picture_stores_a_webp_and_changes_the_url(client, make_member, login, db):
    member = make_member()
    before = member.avatar_version
    login(member)
    response = _upload(client, image_bytes("JPEG", (800, 600)), "photo.jpg")
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.avatar_hash and member.avatar_version != before
    served = client.get(f"/members/{member.handle}/avatar?v={member.avatar_version}")
    assert served.mimetype == "image/webp"
    assert Image.open(io.BytesIO(served.data)).size == (256, 256)


def test_a_file_that_is_not_a_picture_is_refused_with_a_clear_error(client, make_member, login, db):
    member = make_member()
    login(member)
    response = _upload(client, b"%PDF-1.4 not a picture", "cv.png")
    assert response.status_code == 422
    assert "not a PNG, JPEG or WEBP picture" in response.get_data(as_text=True)
    assert db.session.get(MemberAvatar, member.id) is None


def test_a_picture_with_too_many_pixels_is_refused_with_a_clear_error(client, make_member, login):
    out = io.BytesIO()
    Image.new("1", (6000, 6000)).save(out, format="PNG")
    login(make_member())
    response = _upload(client, out.getvalue())
    assert response.status_code == 422
    assert "too many pixels" in response.get_data(as_text=True)


def test_an_empty_upload_is_refused(client, make_member, login):
    login(make_member())
    response = client.post("/members/settings/avatar", data={}, content_type="multipart/form-data")
    assert response.status_code == 422


def test_removing_the_picture_brings_back_the_initials(client, make_member, login, db):
    member = make_member()
    login(member)
    _upload(client, image_bytes())
    response = client.post("/members/settings/avatar/remove", data={"confirmed": "1"})
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.avatar_hash is None
    assert db.session.get(MemberAvatar, member.id) is None


def test_the_avatar_macro_renders_an_image_with_empty_alt_and_size(app, make_member):
    from flask import render_template_string

    member = make_member()
    with app.test_request_context():
        html = render_template_string(
            '{% from "macros/members.html" import avatar %}{{ avatar(m, "medium") }}{{ avatar(none) }}',
            m=member,
        )
    assert 'alt=""' in html and 'width="48"' in html and 'height="48"' in html
    assert f"/members/{member.handle}/avatar?v=" in html
    assert "avatar-former" in html


def test_an_unknown_members_avatar_is_not_found(client):
    assert client.get("/members/nobody/avatar").status_code == 404


def test_avatar_cache_headers_are_coherent_for_each_url(client, make_member):
    member = make_member()
    base = f"/members/{member.handle}/avatar"
    versioned = client.get(f"{base}?v={member.avatar_version}")
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get(base)
    assert plain.headers["Cache-Control"] == "public, no-cache"
    stale = client.get(f"{base}?v=an-old-version")
    assert stale.headers["Cache-Control"] == "public, no-cache"
    again = client.get(base, headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_removing_the_picture_without_javascript_asks_first(client, make_member, login, db):
    member = make_member()
    login(member)
    _upload(client, image_bytes())
    for asked in (
        client.get("/members/settings/avatar/remove"),
        client.post("/members/settings/avatar/remove"),
    ):
        assert asked.status_code == 200
        assert "Remove this picture?" in asked.get_data(as_text=True)
    db.session.refresh(member)
    assert member.avatar_hash is not None
