"""Removing one picture from a published post: by its uploader or a moderator, asked
first (a page without JavaScript), the post's words and history rewritten without it,
its files and quota freed, a moderator's removal in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.moderation.models import ModerationEvent
from cop.pictures import services
from cop.pictures.models import Picture
from cop.threads import services as threads
from cop.threads.models import Post, PostRevision
from tests.conftest import PASSWORD
from tests.pictures.conftest import picture_bytes


@pytest.fixture
def scene(db, make_member, make_thread):
    """A reply by `author` showing two pictures, the first edited in once already."""
    author = make_member()
    thread = make_thread()
    sea = services.store_picture(author, picture_bytes(size=(640, 480)))
    hills = services.store_picture(author, picture_bytes(size=(300, 200)))
    post = threads.reply_to_thread(
        author=author,
        thread=thread,
        body=f"The sea:\n\n![Sea](/media/{sea.path})\n\nNothing else.",
        language="en",
    )
    threads.edit_post(
        post,
        editor=author,
        body=f"The sea:\n\n![Sea](/media/{sea.path})\n\nAnd hills ![Hills](/media/{hills.path}).",
    )
    db.session.commit()
    return {"author": author, "thread": thread, "post": post, "sea": sea, "hills": hills}


def _remove_url(scene, picture=None) -> str:
    picture_id = (picture or scene["sea"]).id
    return f"/threads/posts/{scene['post'].id}/pictures/{picture_id}/remove"


def _exists(db, picture_id: int) -> bool:
    db.session.expire_all()
    return db.session.scalar(select(Picture.id).where(Picture.id == picture_id)) is not None


def _suspended(db, member):
    db.session.add(MemberRestriction(member=member, suspended_until=utcnow().replace(year=2999)))
    db.session.commit()
    return member


def _act_as(actor, scene, make_member, db):
    if actor == "anonymous":
        return None
    if actor == "author":
        return scene["author"]
    if actor == "suspended author":
        return _suspended(db, scene["author"])
    role = {"moderator": Role.MODERATOR, "admin": Role.ADMIN}.get(actor, Role.MEMBER)
    member = make_member(role=role)
    return _suspended(db, member) if actor == "suspended moderator" else member


ACTORS = (
    "anonymous",
    "member",
    "author",
    "moderator",
    "admin",
    "suspended author",
    "suspended moderator",
)
MAY_REMOVE = {"author", "moderator", "admin"}


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_remove_a_picture_from_a_post(client, db, login, make_member, scene, actor):
    member = _act_as(actor, scene, make_member, db)
    if member is not None:
        login(member)
    sea_id = scene["sea"].id
    listing = client.get(f"/threads/posts/{scene['post'].id}/pictures")
    response = client.post(_remove_url(scene), data={"confirmed": "1"})
    if actor == "anonymous":
        assert listing.status_code == 302 and response.status_code == 302
        assert "/auth/sign-in" in response.headers["Location"]
    elif actor in MAY_REMOVE:
        assert listing.status_code == 200
        assert response.status_code == 302
    else:
        assert listing.status_code == 403 and response.status_code == 403
    assert _exists(db, sea_id) is (actor not in MAY_REMOVE)


@pytest.mark.parametrize(
    "address",
    [
        "/threads/posts/{post}/pictures/999999/remove",
        "/threads/posts/{post}/pictures/99999999999999999999/remove",
        "/threads/posts/999999/pictures/{picture}/remove",
        "/threads/posts/99999999999999999999/pictures/{picture}/remove",
        "/threads/posts/999999/pictures",
        "/threads/posts/99999999999999999999/pictures",
        "/threads/posts/{other_post}/pictures/{picture}/remove",
    ],
)
def test_unknown_or_huge_ids_are_not_found(client, db, login, make_member, scene, address):
    login(make_member(role=Role.MODERATOR))
    other = threads.reply_to_thread(
        author=scene["author"], thread=scene["thread"], body="Another", language="en"
    )
    db.session.commit()
    url = address.format(post=scene["post"].id, picture=scene["sea"].id, other_post=other.id)
    assert client.get(url).status_code == 404
    if url.endswith("/remove"):
        assert client.post(url, data={"confirmed": "1"}).status_code == 404
    assert _exists(db, scene["sea"].id)


def test_without_javascript_the_removal_is_asked_first(client, db, login, scene):
    login(scene["author"])
    post_id = scene["post"].id
    page = client.get(f"/threads/posts/{post_id}/pictures").get_data(as_text=True)
    assert f'action="{_remove_url(scene)}"' in page and "data-confirm=" in page
    assert 'alt="Sea"' in page and 'alt="Hills"' in page
    assert 'name="reason"' not in page  # their own pictures: nothing to justify
    for asked in (client.get(_remove_url(scene)), client.post(_remove_url(scene))):
        assert asked.status_code == 200
        text = asked.get_data(as_text=True)
        assert "Remove this picture?" in text and 'name="confirmed" value="1"' in text
    assert _exists(db, scene["sea"].id)


def test_the_uploader_removes_it_from_words_history_disk_and_quota(
    client, db, login, scene, make_member
):
    author, post, sea = scene["author"], scene["post"], scene["sea"]
    keys, path, hills_path = (sea.key, sea.thumb_key), sea.path, scene["hills"].path
    store = services.storage()
    used = services.used_bytes(author)
    login(author)
    response = client.post(_remove_url(scene), data={"confirmed": "1"})
    assert response.status_code == 302
    assert f"#post-{post.id}" in response.headers["Location"]
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert path not in post.body_source and path not in post.body_html
    assert post.body_source == f"The sea:\n\nAnd hills ![Hills](/media/{hills_path})."
    assert hills_path in post.body_html
    assert post.edit_count == 2 and post.last_editor_id == author.id
    revisions = db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id))
    assert [path in r.body_source or path in r.body_html for r in revisions] == [False, False]
    assert not any(store.local_path(key).exists() for key in keys)
    assert services.used_bytes(author) < used
    assert db.session.scalar(select(ModerationEvent)) is None  # their own picture
    history = client.get(f"/threads/posts/{post.id}/history").get_data(as_text=True)
    assert path not in history and hills_path in history
    assert "/media/" + path not in client.get(f"/threads/{post.thread_id}").get_data(as_text=True)
    other = make_member()
    login(other)
    assert client.get(f"/media/{path}").status_code == 404


def test_a_moderators_removal_is_in_the_audit_log_with_its_reason(
    client, db, login, make_member, scene
):
    moderator = make_member(role=Role.MODERATOR)
    login(moderator)
    page = client.get(f"/threads/posts/{scene['post'].id}/pictures").get_data(as_text=True)
    assert 'name="reason"' in page
    response = client.post(
        _remove_url(scene), data={"confirmed": "1", "reason": "  Shows a home address  "}
    )
    assert response.status_code == 302
    event = db.session.scalar(select(ModerationEvent))
    assert (event.action, event.target_type, event.target_id) == (
        "remove_picture",
        "post",
        scene["post"].id,
    )
    assert event.actor_id == moderator.id and event.reason == "Shows a home address"
    assert event.data["owner_id"] == scene["author"].id
    db.session.expire_all()
    assert db.session.get(Post, scene["post"].id).last_editor_id == moderator.id
    log = client.get("/moderation/log").get_data(as_text=True)
    assert "Removed a picture from a post" in log


def test_a_reason_too_long_is_a_clear_error_keeping_it(client, db, login, make_member, scene):
    login(make_member(role=Role.MODERATOR, locale="fr"))
    reason = "é" * 2001
    response = client.post(_remove_url(scene), data={"confirmed": "1", "reason": reason})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert reason in page and 'class="error"' in page
    assert _exists(db, scene["sea"].id)


def test_an_edit_form_still_holding_the_picture_is_refused_as_stale(client, db, login, scene):
    login(scene["author"])
    post = scene["post"]
    shown_version, body = post.version, post.body_source
    client.post(_remove_url(scene), data={"confirmed": "1"})
    response = client.post(
        f"/threads/posts/{post.id}/edit",
        data={"body": body + " more", "language": "en", "version": str(shown_version)},
    )
    assert response.status_code == 409


def test_a_picture_edited_out_of_the_words_is_listed_and_removable(client, db, login, scene):
    author, post = scene["author"], scene["post"]
    threads.edit_post(
        post, editor=author, body=f"Only hills ![Hills](/media/{scene['hills'].path})"
    )
    db.session.commit()
    login(author)
    page = client.get(f"/threads/posts/{post.id}/pictures").get_data(as_text=True)
    assert "No longer shown in the post&#39;s words." in page or "No longer shown" in page
    edits = db.session.get(Post, post.id).edit_count
    assert client.post(_remove_url(scene), data={"confirmed": "1"}).status_code == 302
    assert not _exists(db, scene["sea"].id)
    assert db.session.get(Post, post.id).edit_count == edits  # its words did not change


def _client_of(app, member):
    client = app.test_client()
    response = client.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_post_shows_remove_a_picture_to_its_author_and_moderators_only(
    app, client, db, make_member, scene
):
    post_url = f"/threads/{scene['thread'].id}"
    link = f"/threads/posts/{scene['post'].id}/pictures"
    assert link not in client.get(post_url).get_data(as_text=True)
    for member, shown in (
        (make_member(), False),
        (scene["author"], True),
        (make_member(role=Role.MODERATOR), True),
        (_suspended(db, make_member(role=Role.MODERATOR)), False),
    ):
        page = _client_of(app, member).get(post_url).get_data(as_text=True)
        assert (link in page) is shown, member


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_the_pages_read_in_every_language(client, db, login, make_member, scene, locale):
    login(make_member(role=Role.MODERATOR, locale=locale))
    for url in (f"/threads/posts/{scene['post'].id}/pictures", _remove_url(scene)):
        page = client.get(url).get_data(as_text=True)
        assert "Remove this picture" not in page and "Pictures of this post" not in page


def test_the_posts_translations_and_their_history_lose_it_too(client, db, login, scene):
    from cop.translations import services as translations
    from cop.translations.models import ContentTranslation, TranslationRevision
    from cop.translations.sources import load_original

    post, path = scene["post"], scene["sea"].path
    original = load_original("post", post.id)
    translation, _ = translations.add_translation(
        original,
        translator=scene["author"],
        language="el",
        title=None,
        body=f"Η θάλασσα:\n\n![Θάλασσα](/media/{path})",
    )
    translations.edit_translation(
        translation,
        original,
        editor=scene["author"],
        title=None,
        body=f"Η θάλασσα:\n\n![Θάλασσα](/media/{path})\n\nΚαι λόφοι.",
        version=translation.version,
    )
    db.session.commit()
    login(scene["author"])
    assert client.post(_remove_url(scene), data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    rows = [*db.session.scalars(select(ContentTranslation))]
    rows += [*db.session.scalars(select(TranslationRevision))]
    assert len(rows) == 2
    for row in rows:
        assert path not in row.body_source and path not in row.body_html
        assert "Η θάλασσα:" in row.body_html


def test_a_reported_posts_pictures_stay_until_a_moderator_looked(
    client, db, login, make_member, scene
):
    """Evidence: while a report of the post is open its author removes no picture (a
    clear 409, the page says why); a moderator still may; once closed, the author may."""
    from cop.moderation import reports
    from cop.moderation.models import ReportState

    reporter, moderator = make_member(), make_member(role=Role.MODERATOR)
    report = reports.report_content(scene["post"], reporter=reporter, reason="spam")
    db.session.commit()
    sea_id = scene["sea"].id
    login(scene["author"])
    listing = client.get(f"/threads/posts/{scene['post'].id}/pictures").get_data(as_text=True)
    assert "reported to the moderators" in listing and _remove_url(scene) not in listing
    refused = client.post(_remove_url(scene), data={"confirmed": "1"})
    assert refused.status_code == 409
    assert "reported to the moderators" in refused.get_data(as_text=True)
    assert _exists(db, sea_id)

    reports.resolve_report(
        db.session.merge(report), moderator=moderator, state=ReportState.DISMISSED
    )
    db.session.commit()
    assert client.post(_remove_url(scene), data={"confirmed": "1"}).status_code == 302
    assert not _exists(db, sea_id)


def test_a_moderator_removes_a_picture_from_a_reported_post(app, db, make_member, scene):
    from cop.moderation import reports

    reports.report_content(scene["post"], reporter=make_member(), reason="spam")
    moderator = make_member(role=Role.MODERATOR)
    db.session.commit()
    hills_id, remove_url = scene["hills"].id, _remove_url(scene, scene["hills"])
    client = app.test_client()
    client.post("/auth/sign-in", data={"email": moderator.email, "password": PASSWORD})
    assert client.post(remove_url, data={"confirmed": "1"}).status_code == 302
    assert not _exists(db, hills_id)


@pytest.mark.parametrize("reported", ["another post showing it", "their thread"])
def test_the_rule_follows_the_uploader_not_the_first_post(
    client, db, login, make_member, make_thread, scene, reported
):
    """The same picture can show in a second post (its file uploaded again, or its
    address pasted), and a thread is reported as a whole: while anything its uploader
    wrote is reported, the picture stays, whichever post it is removed from."""
    from cop.moderation import reports

    author = scene["author"]
    if reported == "another post showing it":
        again = threads.reply_to_thread(
            author=author,
            thread=scene["thread"],
            body=f"Again: ![Sea](/media/{scene['sea'].path})",
            language="en",
        )
        target = again
    else:
        target = make_thread(author=author)
    reports.report_content(target, reporter=make_member(), reason="spam")
    db.session.commit()
    sea_id = scene["sea"].id
    login(author)
    refused = client.post(_remove_url(scene), data={"confirmed": "1"})
    assert refused.status_code == 409
    assert _exists(db, sea_id)


def test_a_hidden_posts_pictures_are_the_moderators_to_remove(client, db, login, scene):
    """Hiding a post closes its reports; its author, who may still see it, may not
    rewrite it by removing a picture (as they may not edit it)."""
    scene["post"].is_hidden = True
    db.session.commit()
    sea_id = scene["sea"].id
    login(scene["author"])
    assert client.get(f"/threads/posts/{scene['post'].id}/pictures").status_code == 403
    assert client.post(_remove_url(scene), data={"confirmed": "1"}).status_code == 403
    assert _exists(db, sea_id)
