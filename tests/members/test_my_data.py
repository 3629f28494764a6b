"""My data: a ZIP with JSON and files."""

from __future__ import annotations

import json

from cop.members import services
from cop.members.models import Visibility
from cop.threads import services as threads
from tests.members.conftest import image_bytes


def _category(db):
    category = threads.save_category(
        None, slug="general", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "General", "About")],
    )  # fmt: skip
    db.session.flush()
    return category


def test_my_data_holds_profile_settings_picture_and_posts_with_history(
    client, make_member, login, db, exported
):
    member = make_member(display_name="Joana Martins", locale="pt", format_locale="pt_PT")
    services.update_profile(
        member,
        services.ProfileChanges(display_name="Joana Martins", country="PT", city="Porto",
                                languages=["pt"], expertise=["training"], bio="Olá **mundo**",
                                links=["https://example.org"], visibility=Visibility.PUBLIC),
    )  # fmt: skip
    services.set_avatar(member, image_bytes())
    thread = threads.start_thread(
        author=member, category=_category(db), title="Moedas sociais", body="Primeira versão",
        language="pt",
    )  # fmt: skip
    post = db.session.scalars(
        __import__("sqlalchemy").select(threads.Post).where(threads.Post.thread_id == thread.id)
    ).one()
    threads.edit_post(post, editor=member, body="Segunda versão")
    db.session.commit()
    login(member)
    archive = exported()
    names = set(archive.namelist())
    assert {
        "manifest.json",
        "profile.json",
        "settings.json",
        "posts.json",
        "reading.json",
        "files/avatar.webp",
    } <= names
    reading = json.loads(archive.read("reading.json"))
    assert [r["thread_id"] for r in reading["threads_read"]] == [thread.id]
    profile = json.loads(archive.read("profile.json"))
    assert profile["display_name"] == "Joana Martins"
    assert profile["city"] == "Porto" and profile["expertise"] == ["training"]
    assert profile["bio_markdown"] == "Olá **mundo**"
    assert "password_hash" not in profile and "session_token" not in profile
    settings = json.loads(archive.read("settings.json"))
    assert settings == {"interface_language": "pt", "regional_format": "pt_PT", "time_zone": None}
    posts = json.loads(archive.read("posts.json"))
    assert posts["threads_started"][0]["title"] == "Moedas sociais"
    (exported,) = [p for p in posts["posts"] if p["id"] == post.id]
    assert exported["markdown"] == "Segunda versão"
    assert [v["markdown"] for v in exported["earlier_versions"]] == ["Primeira versão"]


def test_my_data_holds_nothing_of_other_members(client, make_member, login, db, exported):
    other = make_member(display_name="Someone Else")
    threads.start_thread(author=other, category=_category(db), title="Not mine at all",
                         body="Their words", language="en")  # fmt: skip
    db.session.commit()
    login(make_member())
    archive = exported()
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Not mine at all" not in everything and b"Someone Else" not in everything
