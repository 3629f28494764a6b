"""Removing a picture not posted yet from the form that holds it: the "Remove" button is
sent with the whole form, without JavaScript; the picture, its files and its room in the
quota go, and so does its reference; everything typed stays."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from cop.conversations import services as conversations
from cop.pictures import services
from cop.pictures.models import Picture
from cop.threads import services as threads
from cop.threads.models import Post
from tests.pictures.conftest import picture_bytes

TYPED = "Words I typed — كلمات"


@pytest.fixture
def writer(make_member, login):
    member = make_member()
    login(member)
    return member


def _attach(client, url: str, body: str = TYPED, alt: str = "A blue square", **fields):
    form = {"body": body, "language": "en", "picture_alt": alt, "attach_picture": "1", **fields}
    form["picture"] = (io.BytesIO(picture_bytes()), "photo.png")
    return client.post(url, data=form, content_type="multipart/form-data")


def _remove(client, url: str, body: str, picture_id, **fields):
    form = {"body": body, "language": "en", "remove_picture": str(picture_id), **fields}
    return client.post(url, data=form, content_type="multipart/form-data")


def _files_exist(keys: tuple[str, str]) -> bool:
    store = services.storage()
    return any(store.local_path(key).exists() for key in keys)


def _body_of(page: str) -> str:
    start = page.index('name="body"')
    return page[page.index(">", start) + 1 : page.index("</textarea>", start)]


def test_the_attached_picture_is_listed_with_its_remove_button(client, db, make_thread, writer):
    response = _attach(client, f"/threads/{make_thread().id}/reply")
    picture = db.session.scalar(select(Picture))
    page = response.get_data(as_text=True)
    assert f'name="remove_picture" value="{picture.id}"' in page
    assert f'alt="A blue square" width="{picture.thumb_width}"' in page


def test_removing_takes_the_picture_its_files_quota_and_reference(client, db, make_thread, writer):
    url = f"/threads/{make_thread().id}/reply"
    page = _attach(client, url).get_data(as_text=True)
    picture = db.session.scalar(select(Picture))
    body = _body_of(page).replace("&gt;", ">").replace("&amp;", "&")
    keys = (picture.key, picture.thumb_key)
    assert f"/media/{picture.path}" in body and _files_exist(keys)
    assert services.used_bytes(writer) > 0
    response = _remove(client, url, body, picture.id)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Picture removed, and its reference with it." in page
    assert TYPED in page and "/media/" not in _body_of(page)
    assert 'name="remove_picture"' not in page
    db.session.expire_all()
    assert db.session.scalar(select(Picture)) is None
    assert not _files_exist(keys)
    assert services.used_bytes(writer) == 0


def test_a_file_another_member_uploaded_too_stays_for_them(
    client, db, make_thread, make_member, writer
):
    other = services.store_picture(make_member(), picture_bytes())
    db.session.commit()
    url = f"/threads/{make_thread().id}/reply"
    _attach(client, url)
    mine = db.session.scalar(select(Picture).where(Picture.owner_id == writer.id))
    assert mine.key == other.key
    keys = (other.key, other.thumb_key)
    _remove(client, url, f"![x](/media/{mine.path})", mine.id)
    db.session.expire_all()
    assert db.session.get(Picture, other.id) is not None and _files_exist(keys)


@pytest.mark.parametrize("whose", ["another member's", "posted", "unknown", "huge", "word"])
def test_only_the_members_own_pending_pictures_can_be_removed_here(
    client, db, make_thread, make_member, writer, whose
):
    thread = make_thread()
    owner = make_member() if whose == "another member's" else writer
    picture = services.store_picture(owner, picture_bytes())
    if whose == "posted":
        threads.reply_to_thread(
            author=writer, thread=thread, body=f"![Sea](/media/{picture.path})", language="en"
        )
    db.session.commit()
    picture_id = {"unknown": picture.id + 1000, "huge": 10**30, "word": "first"}.get(
        whose, picture.id
    )
    body = f"{TYPED}\n\n![Sea](/media/{picture.path})"
    keys = (picture.key, picture.thumb_key)
    response = _remove(client, f"/threads/{thread.id}/reply", body, picture_id)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This picture is not among yours waiting to be posted." in page
    assert TYPED in page and f"/media/{picture.path}" in page
    db.session.expire_all()
    assert db.session.get(Picture, picture.id) is not None and _files_exist(keys)


def test_a_second_press_is_a_clear_error_not_a_500(client, db, make_thread, writer):
    url = f"/threads/{make_thread().id}/reply"
    _attach(client, url)
    picture = db.session.scalar(select(Picture))
    body = f"![Sea](/media/{picture.path})"
    assert _remove(client, url, body, picture.id).status_code == 200
    assert _remove(client, url, body, picture.id).status_code == 422


def test_removing_works_in_every_writing_form(
    client, db, make_thread, make_category, make_member, writer
):
    table, thread = make_category(), make_thread(author=writer)
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    conversation = conversations.start_conversation(
        sender=writer, recipients=[make_member()], subject="Plans", body="Hello"
    )
    db.session.commit()
    forms = {
        "/threads/new": {"category": str(table.id), "title": "A title"},
        f"/threads/posts/{post.id}/edit": {"title": thread.title, "version": str(post.version)},
        "/conversations/new": {"recipients": "@nobody", "subject": "Plans"},
        f"/conversations/{conversation.id}/reply": {},
    }
    for url, fields in forms.items():
        page = _attach(client, url, **fields).get_data(as_text=True)
        picture = db.session.scalar(select(Picture).order_by(Picture.id.desc()))
        picture_id, path = picture.id, picture.path
        assert f'name="remove_picture" value="{picture_id}"' in page, url
        body = f"{TYPED}\n![A blue square](/media/{path})\n"
        response = _remove(client, url, body, picture_id, **fields)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert TYPED in page and f"/media/{path}" not in page, url
        db.session.expire_all()
        assert db.session.scalar(select(Picture).where(Picture.id == picture_id)) is None, url


def test_a_draft_brings_back_its_pictures_with_their_buttons(client, db, make_thread, writer):
    thread = make_thread()
    picture = services.store_picture(writer, picture_bytes())
    db.session.commit()
    client.post(
        f"/threads/{thread.id}/reply",
        data={"body": f"![Sea](/media/{picture.path})", "language": "en", "save_draft": "1"},
    )
    page = client.get(f"/threads/{thread.id}/reply").get_data(as_text=True)
    assert f'name="remove_picture" value="{picture.id}"' in page
    assert 'alt="Sea"' in page
