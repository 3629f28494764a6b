"""Starting threads, replying, previewing, quoting, editing: through the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cop.threads import queries
from cop.threads.models import TITLE_MAX, Post, Thread


@pytest.fixture
def writer(client, login, make_member):
    # Writes in English so the messages below can be read as written.
    member = make_member(locale="en", display_name="Layla Haddad")
    login(member)
    return member


def _new_thread(client, table, **fields):
    data = {
        "category": str(table.id),
        "title": "Community kitchens in Sfax",
        "body": "We run **three** kitchens.",
        "language": "fr",
        "client_token": "token-1",
    }
    data.update(fields)
    return client.post("/threads/new", data=data)


def test_a_member_starts_a_thread(client, writer, make_category, db):
    table = make_category()
    response = _new_thread(client, table)
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.title == "Community kitchens in Sfax" and thread.language == "fr"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>three</strong>" in page
    assert 'lang="fr" dir="auto"' in page


def test_the_language_defaults_to_the_writers_language(client, login, make_member, make_category):
    login(make_member(locale="ar"))
    make_category()
    page = client.get("/threads/new").get_data(as_text=True)
    assert re.search(r'<option (?=[^>]*\bselected\b)[^>]*value="ar"', page)


def test_pressing_post_twice_creates_one_thread(client, writer, make_category, db):
    table = make_category()
    first = _new_thread(client, table)
    second = _new_thread(client, table)
    assert first.status_code == second.status_code == 302
    assert db.session.scalar(select(func.count(Thread.id))) == 1
    assert db.session.scalar(select(func.count(Post.id))) == 1


def test_pressing_reply_twice_creates_one_reply(client, writer, make_thread, db):
    thread = make_thread()
    data = {"body": "Me too", "language": "ar", "client_token": "same"}
    client.post(f"/threads/{thread.id}/reply", data=data)
    client.post(f"/threads/{thread.id}/reply", data=data)
    assert db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id)) == 2


def test_a_form_gets_a_fresh_token_each_time(client, writer, make_category):
    make_category()
    first = client.get("/threads/new").get_data(as_text=True)
    second = client.get("/threads/new").get_data(as_text=True)

    def token(page):
        return page.split('name="client_token" type="hidden" value="')[1].split('"')[0]

    assert token(first) != token(second)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "Hey"}, "A title has between 5 and 150 characters."),
        ({"title": "x" * (TITLE_MAX + 1)}, "A title has between 5 and 150 characters."),
        ({"title": ""}, "Give your thread a title."),
        ({"body": ""}, "Write your message."),
        ({"body": "x" * 30_001}, "A message has between 2 and 30000 characters."),
    ],
)
def test_bad_input_is_refused_and_kept(client, writer, make_category, db, fields, message):
    table = make_category()
    response = _new_thread(client, table, **fields)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    if fields.get("title", "") and len(fields["title"]) < 200:
        assert fields["title"] in page
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def test_errors_are_translated(client, make_member, login, make_category):
    login(make_member(locale="es"))
    table = make_category()
    response = _new_thread(client, table, title="")
    assert response.status_code == 422


def test_preview_renders_without_saving(client, writer, make_category, db):
    table = make_category()
    response = _new_thread(client, table, body="# Heading\n\n<script>x</script>", preview="1")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Heading</h1>" in page
    assert "<script>x</script>" not in page
    assert "Community kitchens in Sfax" in page  # the title is kept
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def test_live_preview_returns_sanitized_html(client, writer):
    response = client.post("/threads/preview", data={"body": "*hi* <img src=x onerror=y>"})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "<p><em>hi</em> &lt;img src=x onerror=y&gt;</p>"


def test_live_preview_needs_a_member(client):
    response = client.post("/threads/preview", data={"body": "x"})
    assert response.status_code == 302


def test_quoting_prefills_an_attributed_quote(client, writer, make_member, make_thread):
    author = make_member(display_name="Sami Ben Salah")
    thread = make_thread(author=author, body="Line one\nLine two")
    post = queries.opening_post(thread)
    page = client.get(f"/threads/{thread.id}/reply?quote={post.id}").get_data(as_text=True)
    # The handle is direction-isolated (FSI ... PDI), so an Arabic one keeps "wrote" in place.
    assert f"&gt; \u2068@{author.handle}\u2069 [wrote](/threads/posts/{post.id}):" in page
    assert "&gt; Line one\n&gt; Line two" in page


def test_replying_lands_on_the_new_post(client, writer, make_thread):
    thread = make_thread(replies=25)
    response = client.post(
        f"/threads/{thread.id}/reply", data={"body": "Late reply", "language": "ar"}
    )
    target = client.get(response.headers["Location"])
    assert target.status_code == 302
    assert "page=2" in target.headers["Location"] and "#post-" in target.headers["Location"]


def test_editing_shows_the_edited_mark_and_history(client, writer, make_thread, db):
    thread = make_thread(author=writer, body="Original words")
    post = queries.opening_post(thread)
    response = client.post(
        f"/threads/posts/{post.id}/edit",
        data={"title": "A better title", "body": "New words", "language": "en"},
    )
    assert response.status_code == 302
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "New words" in page and "A better title" in page
    assert f"/threads/posts/{post.id}/history" in page
    history = client.get(f"/threads/posts/{post.id}/history").get_data(as_text=True)
    assert "Original words" in history and "New words" in history


def test_editing_with_a_too_short_body_keeps_the_input(client, writer, make_thread):
    thread = make_thread(author=writer)
    post = queries.opening_post(thread)
    response = client.post(
        f"/threads/posts/{post.id}/edit", data={"title": "", "body": "x", "language": "en"}
    )
    assert response.status_code == 422


def test_deleted_posts_leave_a_trace(client, writer, make_thread, db):
    thread = make_thread(author=writer, replies=1)
    reply = db.session.scalar(select(Post).where(Post.position == 2))
    client.post(f"/threads/posts/{reply.id}/delete", data={"confirmed": "1"})
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "This post was deleted" in page and "Reply 1" not in page


def test_naughty_strings_are_stored_and_shown_safely(client, writer, make_category, db):
    table = make_category()
    strings = json.loads(Path("/work/shared/corpora/blns.json").read_text(encoding="utf-8"))
    for n, text in enumerate(strings[::25]):
        title = (text.strip() or "blank") + " title"
        response = _new_thread(
            client, table, title=title[:150], body=text + " body", client_token=f"n{n}"
        )
        assert response.status_code in (302, 422), text
    for thread in db.session.scalars(select(Thread)):
        page = client.get(f"/threads/{thread.id}?page=1")
        assert page.status_code == 200
        assert "<script>alert" not in page.get_data(as_text=True)


def test_moderators_see_who_deleted_a_post_and_can_restore_it(
    client, login, make_member, make_thread, db
):
    from cop.members.models import Role

    author = make_member(display_name="Careful Author")
    thread = make_thread(author=author, replies=1)
    reply = db.session.scalar(select(Post).where(Post.position == 2))
    login(author)
    client.post(f"/threads/posts/{reply.id}/delete", data={"confirmed": "1"})
    client.post("/auth/sign-out")
    login(make_member(role=Role.MODERATOR))
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "Deleted by <bdi>Careful Author</bdi>" in page and "Reply 1" in page
    assert f"/threads/posts/{reply.id}/restore" in page
    client.post(f"/threads/posts/{reply.id}/restore")
    db.session.expire_all()
    assert not db.session.get(Post, reply.id).is_deleted


def test_without_any_table_starting_a_thread_explains_why(client, writer):
    response = client.get("/threads/new")
    assert response.status_code == 403
    assert "No discussion table takes new threads yet." in response.get_data(as_text=True)


def test_the_quote_endpoint_gives_the_attributed_markdown(client, writer, make_thread, db):
    thread = make_thread(body="Quoted words")
    post = queries.opening_post(thread)
    response = client.get(f"/threads/posts/{post.id}/quote")
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).endswith(">\n> Quoted words\n\n")
    thread.is_locked = True
    db.session.commit()
    assert client.get(f"/threads/posts/{post.id}/quote").status_code == 403
