"""Cached post fragments (cop.fragments, cop/threads/fragments.py): a thread page shows
exactly what it would without the cache, for every reader, after every change."""

from __future__ import annotations

import re

from cop.extensions import cache
from cop.members.models import Role
from cop.threads import services
from cop.threads.models import Post
from cop.threads.queries import opening_post
from tests.conftest import PASSWORD, build_app
from tests.pages import without_csrf_tokens


def page(client, thread, **headers) -> str:
    response = client.get(f"/threads/{thread.id}?page=1", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def post_html(html: str, post_id: int) -> str:
    return re.search(rf'<article[^>]*id="post-{post_id}".*?</article>', html, re.S).group(0)


def cached_posts() -> int:
    backend = cache.cache
    return sum(1 for key in backend._cache if "post:" in key)


def test_the_second_view_of_a_page_serves_its_posts_from_the_cache(client, make_thread):
    thread = make_thread(replies=3)
    first = page(client, thread)
    assert cached_posts() == 4
    assert without_csrf_tokens(page(client, thread)) == without_csrf_tokens(first)


def test_an_edited_post_shows_its_new_words(client, db, login, make_thread):
    thread = make_thread(replies=1, body="The first words")
    author = thread.author
    login(author)
    assert "The first words" in page(client, thread)
    post = opening_post(thread)
    services.edit_post(post, editor=author, body="Words written later", language="en")
    db.session.commit()
    html = page(client, thread)
    assert "Words written later" in html and "The first words" not in html
    assert ">edited<" in post_html(html, post.id)


def test_an_authors_new_name_shows_on_their_cached_posts(client, db, make_thread):
    thread = make_thread(replies=2)
    assert thread.author.display_name in page(client, thread)
    thread.author.display_name = "Ρένα Αντωνίου"
    db.session.commit()
    html = page(client, thread)
    assert html.count("Ρένα Αντωνίου") >= 3


def test_each_reader_gets_their_own_actions_from_the_same_posts(
    app, client, login, make_member, make_thread
):
    author = make_member()
    thread = make_thread(author=author, replies=2)
    reply_id = thread.last_post_id
    login(author)
    mine = post_html(page(client, thread), reply_id)
    assert "Edit</a>" in mine and "Delete</button>" in mine and "Report</a>" not in mine

    other = app.test_client()
    other.post("/auth/sign-in", data={"email": make_member().email, "password": PASSWORD})
    theirs = post_html(page(other, thread), reply_id)
    assert "Edit</a>" not in theirs and "Delete</button>" not in theirs and "Report</a>" in theirs

    moderator = app.test_client()
    moderator.post(
        "/auth/sign-in",
        data={"email": make_member(role=Role.MODERATOR).email, "password": PASSWORD},
    )
    moderated = post_html(page(moderator, thread), reply_id)
    assert "Moderate</a>" in moderated and "Delete</button>" in moderated

    anonymous = post_html(page(app.test_client(), thread), reply_id)
    assert "Quote</a>" not in anonymous and "Report</a>" not in anonymous


def test_the_readers_language_and_time_zone_make_their_own_fragments(
    client, db, make_thread, make_member
):
    thread = make_thread()
    english = page(client, thread, **{"Accept-Language": "en"})
    greek = page(client, thread, **{"Accept-Language": "el"})
    assert "Permanent link to this post" in english
    assert "Permanent link to this post" not in greek
    assert cached_posts() == 2


def test_a_hidden_post_is_rendered_for_each_reader_not_cached(client, db, make_thread):
    thread = make_thread(replies=1)
    reply = db.session.get(Post, thread.last_post_id)
    reply.is_hidden = True
    db.session.commit()
    page(client, thread)
    assert cached_posts() == 1  # the opening post only


def test_forms_in_cached_posts_carry_each_readers_own_token(
    db, database_url, make_member, make_thread
):
    author = make_member()
    thread = make_thread(author=author, replies=1)
    reply_id = thread.last_post_id
    strict = build_app(database_url, WTF_CSRF_ENABLED=True)

    def signed_in_page():
        client = strict.test_client()
        form = client.get("/auth/sign-in").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        client.post(
            "/auth/sign-in",
            data={"email": author.email, "password": PASSWORD, "csrf_token": token},
        )
        html = page(client, thread)
        return client, html

    _, first = signed_in_page()
    second_client, second = signed_in_page()  # its posts come from the first's fragments
    slot = strict.extensions["cop.csrf_slot"]
    assert slot not in first and slot not in second
    form = re.search(
        rf'action="/threads/posts/{reply_id}/delete".*?name="csrf_token" value="([^"]+)"',
        post_html(second, reply_id),
        re.S,
    )
    assert form is not None
    response = second_client.post(
        f"/threads/posts/{reply_id}/delete", data={"csrf_token": form.group(1), "confirmed": "1"}
    )
    assert response.status_code == 302
    with strict.app_context():
        db.engine.dispose()
