"""The community's pages: shipped texts in six languages, fallback, admins' edits."""

from __future__ import annotations

import pytest

from cop.i18n import SUPPORTED_LOCALES
from cop.members.models import Role
from cop.pages import services
from cop.pages.defaults import SLUGS, shipped
from cop.pages.models import PageRevision
from cop.pages.queries import page_text
from cop.versions import StaleEdit
from tests.corpora import naughty_sample


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_every_page_ships_a_real_text_in_every_language(slug, language):
    text = shipped(slug, language)
    assert text is not None
    assert len(text.body_source) > 600
    assert text.title and not text.title.startswith("#")


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_a_reader_sees_the_page_in_their_language(client, language):
    response = client.get("/pages/code-of-conduct", headers={"Accept-Language": language})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert shipped("code-of-conduct", language).title in html
    assert f'lang="{language}"' in html
    assert 'class="notice" role="note"' not in html


def test_the_privacy_notice_names_what_is_stored_and_for_how_long(client):
    html = client.get("/pages/privacy").get_data(as_text=True)
    for words in ("IP address", "email address", "7 days", "30 days", "GDPR", "Cookies"):
        assert words in html


def test_an_unknown_page_is_not_found(client):
    assert client.get("/pages/nothing-here").status_code == 404
    assert client.get("/pages/help?lang=../../etc").status_code == 200


def test_after_a_material_change_in_english_other_languages_fall_back_and_say_so(
    client, db, make_member
):
    admin = make_member(role=Role.ADMIN)
    services.save_page(
        "terms", "en", title="Terms of use", body="New **terms**.", material=True,
        author=admin, version_seen=1,
    )  # fmt: skip
    db.session.commit()
    html = client.get("/pages/terms", headers={"Accept-Language": "el"}).get_data(as_text=True)
    assert "New <strong>terms</strong>." in html
    assert 'class="notice" role="note"' in html  # the fallback is said, in Greek
    services.save_page(
        "terms", "el", title="Όροι χρήσης", body="Νέοι **όροι**.", material=False,
        author=admin, version_seen=2,
    )  # fmt: skip
    db.session.commit()
    html = client.get("/pages/terms", headers={"Accept-Language": "el"}).get_data(as_text=True)
    assert "Νέοι <strong>όροι</strong>." in html
    assert 'class="notice" role="note"' not in html


def test_a_change_that_is_not_material_leaves_the_other_languages_as_they_are(db, make_member):
    admin = make_member(role=Role.ADMIN)
    services.save_page(
        "help", "en", title="Help", body="Typo fixed.", material=False,
        author=admin, version_seen=1,
    )  # fmt: skip
    text = page_text("help", "fr")
    assert (text.language, text.fell_back, text.version) == ("fr", False, 2)


def test_every_save_is_kept_with_the_next_version_number(db, make_member):
    admin = make_member(role=Role.ADMIN)
    for version, language in enumerate(("en", "ar", "en"), start=1):
        services.save_page(
            "contact", language, title="Contact", body=f"Text {version}", material=False,
            author=admin, version_seen=version,
        )  # fmt: skip
    db.session.commit()
    rows = db.session.scalars(db.select(PageRevision).order_by(PageRevision.version)).all()
    assert [(r.version, r.language) for r in rows] == [(2, "en"), (3, "ar"), (4, "en")]


def test_a_save_from_a_stale_form_is_refused(db, make_member):
    admin = make_member(role=Role.ADMIN)
    services.save_page(
        "help", "en", title="Help", body="One", material=False, author=admin, version_seen=1
    )
    with pytest.raises(StaleEdit):
        services.save_page(
            "help", "en", title="Help", body="Two", material=False, author=admin, version_seen=1
        )


def test_markdown_is_sanitized_when_saved(db, make_member):
    admin = make_member(role=Role.ADMIN)
    revision = services.save_page(
        "help", "en", title="Help", body="<script>alert(1)</script> [x](javascript:alert(1))",
        material=False, author=admin, version_seen=1,
    )  # fmt: skip
    assert "<script" not in revision.body_html
    assert 'href="javascript' not in revision.body_html


ACTORS = ("anonymous", "member", "unconfirmed", "moderator", "admin", "suspended admin")


@pytest.fixture
def actor(make_member, login, db):
    from datetime import timedelta

    from cop.models import utcnow
    from cop.moderation import sanctions as moderation

    def become(kind: str):
        if kind == "anonymous":
            return None
        roles = {"moderator": Role.MODERATOR, "admin": Role.ADMIN, "suspended admin": Role.ADMIN}
        member = make_member(
            role=roles.get(kind, Role.MEMBER), email_confirmed=kind != "unconfirmed"
        )
        if kind == "suspended admin":
            moderation.suspend_member(
                member, moderator=make_member(role=Role.ADMIN),
                until=utcnow() + timedelta(days=2), reason="test",
            )  # fmt: skip
            db.session.commit()
        login(member)
        return member

    return become


@pytest.mark.parametrize("kind", ACTORS)
def test_only_admins_who_may_write_edit_pages(client, db, actor, kind):
    actor(kind)
    data = {"language": "en", "title": "Code", "body": "Be kind.", "version": "1"}
    shown = client.get("/pages/code-of-conduct/edit")
    response = client.post("/pages/code-of-conduct/edit", data=data)
    saved = db.session.scalar(db.select(db.func.count()).select_from(PageRevision))
    if kind == "admin":
        assert shown.status_code == 200
        assert response.status_code == 302
        assert saved == 1
    else:
        assert shown.status_code in (302, 403)
        assert response.status_code in (302, 403)
        assert saved == 0
        if kind == "anonymous":
            assert "/auth/sign-in" in response.headers["Location"]


def test_bad_input_comes_back_with_what_was_typed(client, actor):
    actor("admin")
    response = client.post(
        "/pages/help/edit",
        data={"language": "xx", "title": "", "body": "Kept words", "version": "1"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Kept words" in html
    assert "Give the page a title." in html
    assert "Choose a language from the list." in html


def test_two_admins_editing_at_once_the_second_sees_a_conflict_and_keeps_their_text(
    client, actor, db, make_member
):
    actor("admin")
    services.save_page(
        "help", "en", title="Help", body="First", material=False,
        author=make_member(role=Role.ADMIN), version_seen=1,
    )  # fmt: skip
    db.session.commit()
    response = client.post(
        "/pages/help/edit",
        data={"language": "en", "title": "Help", "body": "Mine", "version": "1"},
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Mine</textarea>" in html
    assert "First" in html


@pytest.mark.parametrize("text", naughty_sample(25))
def test_naughty_strings_in_the_title_and_body_never_break_the_page(client, actor, text):
    actor("admin")
    response = client.post(
        "/pages/contact/edit",
        data={"language": "ar", "title": text[:200] or "x", "body": text or "x", "version": "1"},
    )
    assert response.status_code in (302, 422)
    assert client.get("/pages/contact?lang=ar").status_code == 200


def test_the_footer_links_every_page(client):
    html = client.get("/").get_data(as_text=True)
    for slug in SLUGS:
        assert f'href="/pages/{slug}"' in html


def test_the_pages_are_cheap_to_show(client, no_page_cache, count_queries):
    client.get("/pages/privacy")
    with count_queries() as queries:
        assert client.get("/pages/privacy").status_code == 200
    assert len(queries) <= 6
