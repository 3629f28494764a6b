"""Two editors at once: a save from a stale form is refused, shown beside the newer text,
and loses nothing; every saved version stays in the history (cop/versions.py)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cop.members.models import Role
from cop.threads import queries, services
from cop.threads.models import Post, PostRevision
from cop.versions import StaleEdit

CONFLICT = "Someone else saved changes while you were editing"


def shown_version(html: str) -> int:
    return int(re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1))


def conflict_parts(html: str) -> tuple[str, str]:
    """(the version saved meanwhile, the page after it: the member's form)."""
    assert CONFLICT in html
    saved, _, rest = html.split('class="edit-conflict"', 1)[1].partition("</section>")
    return saved, rest


@pytest.fixture
def writer(client, login, make_member):
    member = make_member(locale="en")
    login(member)
    return member


def _edit(client, post, version, body, title="A title long enough"):
    data = {"title": title, "body": body, "language": "en", "version": str(version)}
    return client.post(f"/threads/posts/{post.id}/edit", data=data)


def test_the_edit_form_carries_the_posts_version(client, writer, make_thread):
    post = queries.opening_post(make_thread(author=writer))
    html = client.get(f"/threads/posts/{post.id}/edit").get_data(as_text=True)
    assert shown_version(html) == post.version == 1


def test_a_stale_save_is_refused_and_shows_the_newer_text_beside_the_members_own(
    client, writer, make_thread, db
):
    thread = make_thread(author=writer, title="The first title", body="Original words")
    post = queries.opening_post(thread)
    shown = shown_version(client.get(f"/threads/posts/{post.id}/edit").get_data(as_text=True))
    assert (
        _edit(client, post, shown, "Words from the first tab", "Title from tab one").status_code
        == 302
    )

    response = _edit(client, post, shown, "Words from the second tab", "Title from tab two")

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    section, form = conflict_parts(html)
    assert "Words from the first tab" in section and "Title from tab one" in section
    assert "Words from the second tab" in form and "Title from tab two" in form
    assert shown_version(html) == shown + 1  # saving again applies the member's text
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_source == "Words from the first tab"

    assert _edit(client, post, shown + 1, "Words from the second tab").status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_source == "Words from the second tab"
    history = db.session.scalars(
        select(PostRevision.body_source).where(PostRevision.post_id == post.id)
    ).all()
    assert sorted(history) == ["Original words", "Words from the first tab"]


def test_a_version_that_is_not_a_number_shows_the_conflict_not_an_error(
    client, writer, make_thread, db
):
    post = queries.opening_post(make_thread(author=writer, body="Original words"))
    response = _edit(client, post, "1; DROP TABLE posts", "New words")
    assert response.status_code == 409
    assert CONFLICT in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_source == "Original words"


def test_a_moderators_edit_and_the_authors_stale_edit_do_not_overwrite_each_other(
    client, login, make_member, make_thread, db
):
    author = make_member()
    post = queries.opening_post(make_thread(author=author, body="Original words"))
    moderator = make_member(role=Role.MODERATOR)
    services.edit_post(post, editor=moderator, body="Moderated words", version=1)
    db.session.commit()
    login(author)
    response = _edit(client, post, 1, "The author's words")
    assert response.status_code == 409
    assert "Moderated words" in response.get_data(as_text=True)


def test_the_service_refuses_a_stale_version_before_writing_anything(make_thread, db):
    thread = make_thread(body="Original words")
    post = queries.opening_post(thread)
    services.edit_post(post, editor=thread.author, body="Second words", version=1)
    db.session.commit()
    with pytest.raises(StaleEdit):
        services.edit_post(post, editor=thread.author, body="Third words", version=1)
    db.session.rollback()
    assert post.body_source == "Second words" and post.version == 2
    assert db.session.scalar(select(PostRevision.body_source)) == "Original words"


def test_a_stale_table_form_is_refused_and_shows_the_saved_names(
    client, login, make_member, make_category, db
):
    table = make_category(names={"en": "Social economy"})
    login(make_member(role=Role.ADMIN))
    url = f"/threads/manage/tables/{table.id}"
    version = shown_version(client.get(url).get_data(as_text=True))
    data = {"slug": table.slug, "position": "1", "original_locale": "en", "version": version}
    assert client.post(url, data={**data, "name_en": "Solidarity economy"}).status_code == 302

    response = client.post(url, data={**data, "name_en": "Social and solidarity economy"})

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    section, form = conflict_parts(html)
    assert "Solidarity economy" in section and "Social and solidarity" not in section
    assert 'value="Social and solidarity economy"' in form
    db.session.expire_all()
    assert table.name_in("en") == "Solidarity economy"


def test_a_table_form_opened_before_archiving_cannot_reopen_the_table(
    client, login, make_member, make_category, db
):
    table = make_category(names={"en": "Public procurement"})
    login(make_member(role=Role.ADMIN))
    url = f"/threads/manage/tables/{table.id}"
    version = shown_version(client.get(url).get_data(as_text=True))
    assert client.post(f"/admin/tables/{table.id}/archive").status_code == 302

    data = {"slug": table.slug, "position": "1", "original_locale": "en", "version": version}
    response = client.post(url, data={**data, "name_en": "Public procurement, renamed"})

    assert response.status_code == 409
    db.session.expire_all()
    assert table.is_archived
    assert table.name_in("en") == "Public procurement"
