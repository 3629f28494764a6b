"""The registries through which features add to a member's export, closing and profile."""

from __future__ import annotations

import json

import pytest

from cop.members import activity, contributions
from cop.members.contributions import ExportPart


@pytest.fixture
def registries(app, monkeypatch):
    """The registries as the app filled them; what a test adds is forgotten after it."""
    for name in ("_export_parts", "_closing_steps", "_activity_sections"):
        monkeypatch.setattr(contributions, name, dict(getattr(contributions, name)))
    return contributions


def test_the_archive_keeps_its_files_and_their_order(client, make_member, login, exported):
    login(make_member())
    archive = exported()
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["parts"] == ["profile", "settings", "posts", "resources", "reading"]
    assert list(json.loads(archive.read("reading.json"))) == ["threads_read", "downloads"]
    assert list(json.loads(archive.read("posts.json"))) == ["threads_started", "posts"]


def test_the_profile_lists_are_the_features_in_their_order(app):
    assert activity.kinds() == ["threads", "replies", "resources"]


def test_parts_of_one_name_are_merged_and_registering_again_changes_nothing(
    make_member, registries
):
    def extra(member):
        return ExportPart("reading", {"listened": [member.id]}, {"a.txt": b"a"})

    def empty(member):
        return None

    registries.register_export_part("reading", extra, order=90)
    registries.register_export_part("reading", extra, order=90)  # a second app
    registries.register_export_part("nothing", empty, order=5)
    member = make_member()
    parts = {part.name: part for part in registries.export_parts(member)}
    assert list(parts) == ["profile", "settings", "posts", "resources", "reading"]
    assert list(parts["reading"].data) == ["threads_read", "downloads", "listened"]
    assert parts["reading"].files == {"a.txt": b"a"}


def test_closing_steps_run_in_the_order_registered(make_member, registries):
    ran = []

    def first(member, *, delete_posts):
        ran.append(("first", delete_posts))

    def second(member, *, delete_posts):
        ran.append(("second", delete_posts))

    registries.register_closing_step(first)
    registries.register_closing_step(second)
    registries.register_closing_step(first)
    registries.run_closing_steps(make_member(), delete_posts=True)
    assert ran[-2:] == [("first", True), ("second", True)]
