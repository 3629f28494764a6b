"""Attaching pictures through the writing forms, and serving them from /media."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.pictures.models import Picture
from cop.threads import services as threads
from cop.threads.models import Post
from tests.corpora import naughty_strings
from tests.pictures.conftest import (
    SVG,
    animated_gif,
    jpeg_with_gps_and_script,
    picture_bytes,
    pixel_bomb,
)

TYPED = "Words I typed before attaching — كلمات"


def _attach(client, thread, data: bytes | None, alt: str = "A blue square", body: str = TYPED):
    form = {"body": body, "language": "en", "picture_alt": alt, "attach_picture": "1"}
    if data is not None:
        form["picture"] = (io.BytesIO(data), "../../etc/photo.png")
    return client.post(f"/threads/{thread.id}/reply", data=form, content_type="multipart/form-data")


def _media(client, url: str):
    """GET a media URL, its body read and the file closed."""
    response = client.get(url)
    response.data_read = response.get_data()
    response.close()
    return response


def _reply(client, thread, body: str):
    return client.post(f"/threads/{thread.id}/reply", data={"body": body, "language": "en"})


@pytest.fixture
def writer(make_member, login):
    member = make_member()
    login(member)
    return member


def test_attaching_adds_a_described_reference_and_keeps_the_typed_words(
    client, db, make_thread, writer
):
    thread = make_thread()
    response = _attach(client, thread, picture_bytes())
    assert response.status_code == 200
    picture = db.session.scalar(select(Picture))
    page = response.get_data(as_text=True)
    assert TYPED in page
    assert f"![A blue square](/media/{picture.path})" in page
    assert "etc/photo" not in page and "photo.png" not in page
    assert picture.owner_id == writer.id and picture.used_by is None


def test_a_reply_with_the_picture_shows_it_and_claims_it(client, db, make_thread, writer):
    thread = make_thread()
    _attach(client, thread, picture_bytes())
    picture = db.session.scalar(select(Picture))
    body = f"Look:\n\n![A blue square](/media/{picture.path})"
    assert _reply(client, thread, body).status_code == 302
    post = db.session.scalar(select(Post).where(Post.author_id == writer.id))
    assert (
        f'<img src="/media/{picture.path}" alt="A blue square" width="{picture.width}"'
        in post.body_html
    )
    assert 'loading="lazy"' in post.body_html
    db.session.refresh(picture)
    assert picture.used_by == f"post:{post.id}"
    shown = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f"/media/{picture.path}" in shown


def test_a_picture_without_a_description_is_not_attached(client, db, make_thread, writer):
    response = _attach(client, make_thread(), picture_bytes(), alt="  ")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Describe the picture for members who cannot see it." in page
    assert TYPED in page
    assert db.session.scalar(select(Picture)) is None


def test_a_message_whose_picture_lost_its_description_cannot_be_posted(
    client, db, make_thread, writer
):
    thread = make_thread()
    _attach(client, thread, picture_bytes())
    picture = db.session.scalar(select(Picture))
    response = _reply(client, thread, f"{TYPED}\n\n![](/media/{picture.path})")
    assert response.status_code == 422
    assert "Every picture needs a description" in response.get_data(as_text=True)
    assert db.session.scalar(select(Post).where(Post.author_id == writer.id)) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "Choose a picture file"),
        (b"", "Choose a picture file"),
        (b"just some text", "This file is not a picture we accept"),
        (SVG, "SVG is not accepted"),
        (pixel_bomb(), "too many pixels"),
    ],
    ids=["no-file", "zero-bytes", "not-an-image", "svg", "pixel-bomb"],
)
def test_bad_files_get_a_clear_error_and_keep_the_text(
    client, db, make_thread, writer, data, message
):
    response = _attach(client, make_thread(), data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert TYPED in page
    assert db.session.scalar(select(Picture)) is None


def test_a_file_over_the_byte_limit_is_a_form_error(client, db, make_thread, writer, monkeypatch):
    from cop.pictures import services

    monkeypatch.setattr(services, "MAX_BYTES", 2000)
    response = _attach(client, make_thread(), picture_bytes(size=(900, 900)))
    assert response.status_code == 422
    assert "This picture is larger than" in response.get_data(as_text=True)


def test_an_animated_gif_and_a_photo_with_a_script_in_its_metadata_are_cleaned(
    client, db, make_thread, writer
):
    thread = make_thread()
    assert _attach(client, thread, animated_gif(1000)).status_code == 200
    assert _attach(client, thread, jpeg_with_gps_and_script(), alt="Photo").status_code == 200
    for picture in db.session.scalars(select(Picture)):
        served = _media(client, f"/media/{picture.path}").data_read
        assert b"script" not in served and b"Exif" not in served


def test_the_quota_error_shows_the_usage(app, client, db, make_thread, writer, monkeypatch):
    monkeypatch.setitem(app.config, "PICTURES_QUOTA_MB", 0)
    response = _attach(client, make_thread(), picture_bytes())
    assert response.status_code == 422
    assert "Your pictures already use 0 MB of your 0 MB" in response.get_data(as_text=True)


def test_naughty_descriptions_never_break_the_page(client, db, make_thread, writer):
    thread = make_thread()
    for n, alt in enumerate(naughty_strings()[:40]):
        response = _attach(client, thread, picture_bytes(size=(20 + n, 20)), alt=alt[:300])
        assert response.status_code in (200, 422)


def test_attaching_works_on_new_threads_and_edits(client, db, make_thread, writer, make_category):
    table = make_category()
    form = {
        "category": str(table.id),
        "title": "A thread with a picture",
        "body": TYPED,
        "language": "en",
        "picture_alt": "Sea",
        "attach_picture": "1",
        "picture": (io.BytesIO(picture_bytes()), "sea.png"),
    }
    response = client.post("/threads/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "A thread with a picture" in response.get_data(as_text=True)
    thread = make_thread(author=writer)
    post = thread.posts[0] if hasattr(thread, "posts") else None
    post = post or db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    response = client.post(
        f"/threads/posts/{post.id}/edit",
        data={
            "body": "Edited words",
            "language": "en",
            "title": thread.title,
            "version": str(post.version),
            "picture_alt": "Hills",
            "attach_picture": "1",
            "picture": (io.BytesIO(picture_bytes(size=(50, 40))), "hills.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "![Hills](/media/" in response.get_data(as_text=True)


# Serving --------------------------------------------------------------------------------


@pytest.fixture
def posted(db, make_member, make_thread):
    """A picture in a published reply by `author`."""
    from cop.pictures import services

    author = make_member()
    thread = make_thread()
    picture = services.store_picture(author, picture_bytes())
    post = threads.reply_to_thread(
        author=author, thread=thread, body=f"![Sea](/media/{picture.path})", language="en"
    )
    db.session.commit()
    return {"author": author, "post": post, "picture": picture}


def test_media_answers_carry_safe_headers_and_no_cookie(client, posted, make_member, login):
    url = f"/media/{posted['picture'].path}"
    for signed_in in (False, True):
        if signed_in:
            login(make_member())
        response = _media(client, url)
        assert response.status_code == 200
        assert response.mimetype == "image/webp"
        assert "Set-Cookie" not in response.headers
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert response.headers["Content-Disposition"] == 'inline; filename="picture.webp"'
        # Kept by caches but asked again: a removed picture stops at once.
        assert response.headers["Cache-Control"] == "public, no-cache"
        again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        again.close()
        assert again.status_code == 304
    thumb = _media(client, f"/media/{posted['picture'].thumb_path}")
    assert thumb.status_code == 200


@pytest.mark.parametrize(
    "name",
    ["nothing", "../../etc/passwd", f"{'a' * 64}-1x1.webp", f"{'a' * 64}.svg", "%00"],
)
def test_unknown_media_names_are_not_found(client, db, name):
    assert _media(client, f"/media/{name}").status_code in (400, 404)


ACTORS = ("anonymous", "member", "author", "moderator", "admin", "suspended")


def _act_as(actor, scene, make_member, login, db):
    if actor == "anonymous":
        return None
    if actor == "author":
        member = scene["author"]
    else:
        role = {"moderator": Role.MODERATOR, "admin": Role.ADMIN}.get(actor, Role.MEMBER)
        member = make_member(role=role)
        if actor == "suspended":
            db.session.add(
                MemberRestriction(member=member, suspended_until=utcnow().replace(year=2999))
            )
            db.session.commit()
    login(member)
    return member


SEE_DELETED = {"moderator", "admin"}
SEE_HIDDEN = {"author", "moderator", "admin"}
SEE_PUBLISHED = set(ACTORS)
ATTACH = {"member", "author", "moderator", "admin"}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", ["published", "hidden", "deleted", "unposted"])
def test_who_sees_a_picture(client, db, posted, make_member, login, actor, state):
    post, picture = posted["post"], posted["picture"]
    if state == "hidden":
        post.is_hidden = True
    elif state == "deleted":
        threads.delete_post(post, actor=posted["author"])
    elif state == "unposted":
        picture.used_by = None
    db.session.commit()
    _act_as(actor, posted, make_member, login, db)
    expected = {
        "published": SEE_PUBLISHED,
        "hidden": SEE_HIDDEN,
        "deleted": SEE_DELETED,
        "unposted": {"author"},
    }[state]
    response = _media(client, f"/media/{picture.path}")
    assert response.status_code == (200 if actor in expected else 404)
    if state != "published" and actor in expected:
        assert response.headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_attach_a_picture(client, db, posted, make_member, make_thread, login, actor):
    thread = make_thread()
    _act_as(actor, posted, make_member, login, db)
    before = db.session.query(Picture).count()
    response = _attach(client, thread, picture_bytes(size=(77, 77)))
    stored = db.session.query(Picture).count() - before
    if actor in ATTACH:
        assert response.status_code == 200 and stored == 1
    else:
        assert response.status_code in (302, 403) and stored == 0


def test_a_picture_is_served_in_a_bounded_number_of_queries(client, posted, count_queries):
    with count_queries() as queries:
        response = _media(client, f"/media/{posted['picture'].path}")
    assert response.status_code == 200
    assert len(queries) <= 6, queries


def test_a_shared_file_is_served_while_one_of_its_posts_is_visible(
    client, db, posted, make_member, make_thread
):
    from cop.pictures import services

    other = make_member()
    same = services.store_picture(other, picture_bytes())
    assert same.key == posted["picture"].key and same.id != posted["picture"].id
    posted["post"].is_hidden = True
    db.session.commit()
    assert _media(client, f"/media/{same.path}").status_code == 404
    reply = threads.reply_to_thread(
        author=other, thread=make_thread(), body=f"![Sea](/media/{same.path})", language="en"
    )
    db.session.commit()
    assert same.used_by == f"post:{reply.id}"
    assert _media(client, f"/media/{same.path}").status_code == 200
