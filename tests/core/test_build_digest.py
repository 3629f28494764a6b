"""The build digest (cop.builddigest) in every cache key: after a deploy that changes a
template, a catalog, a static file or the code, a shared cache serves nothing old."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from cop.builddigest import app_build_digest, build_digest
from cop.extensions import cache
from cop.fragments import fragment_key
from tests.conftest import TRANSLATIONS


def copy_of_the_build(app, tmp_path) -> tuple[Path, Path]:
    package = tmp_path / "cop"
    shutil.copytree(Path(app.root_path) / "templates", package / "templates")
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    return package, tmp_path / "translations"


def digest(roots) -> str:
    return build_digest(roots, label="0.1.0")


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_changed_template_gives_a_new_digest(app, tmp_path):
    roots = copy_of_the_build(app, tmp_path)
    before = digest(roots)
    assert digest(roots) == before
    template = roots[0] / "templates" / "threads" / "_post.html"
    template.write_text(template.read_text() + "<p>{{ _('New') }}</p>")
    touch_later(template)
    assert digest(roots) != before


def test_a_changed_catalog_gives_a_new_digest(app, tmp_path):
    roots = copy_of_the_build(app, tmp_path)
    before = digest(roots)
    catalog = roots[1] / "fr" / "LC_MESSAGES" / "messages.mo"
    catalog.write_bytes(catalog.read_bytes() + b"\0")
    touch_later(catalog)
    assert digest(roots) != before


def test_the_same_build_in_another_folder_has_the_same_digest(app, tmp_path):
    first = copy_of_the_build(app, tmp_path / "one")
    second = copy_of_the_build(app, tmp_path / "two")
    assert digest(first) == digest(second)
    assert build_digest(first, label="0.2.0") != digest(first)  # the package's version


def test_the_apps_digest_covers_its_code_templates_and_catalogs(app):
    assert app.extensions["cop.build_digest"] == app_build_digest(app)
    assert app.extensions["cop.build_digest"] != digest([Path(app.root_path) / "templates"])


def test_fragment_and_page_keys_change_with_the_build(app, client, db, monkeypatch):
    with app.test_request_context("/"):
        key = fragment_key("post", 1, "same parts")
        monkeypatch.setitem(app.extensions, "cop.build_digest", "another-build")
        assert fragment_key("post", 1, "same parts") != key
    monkeypatch.setitem(app.extensions, "cop.build_digest", "build-one")
    cache.clear()
    client.get("/")  # a visitor's page, kept whole
    kept = set(cache.cache._cache)
    monkeypatch.setitem(app.extensions, "cop.build_digest", "build-two")
    client.get("/")
    added = set(cache.cache._cache) - kept
    assert any("page:" in key for key in added)  # the page, made again for the new build
    assert any("site-header" in key for key in added)  # and its fragments
