"""Sharing a resource through the form: what lands, what is refused, and nothing half-done."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cop.resources import samples
from cop.resources.models import Resource, ResourceFile, StoredBlob
from tests.resources.conftest import PDF, file_part, share_data, stored_blobs, temp_files


@pytest.fixture
def member(make_member, login):
    member = make_member()
    login(member)
    return member


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_member_shares_a_file_and_its_discussion_opens(client, db, member, make_category):
    category = make_category()
    data = share_data(category=str(category.id), file=file_part(PDF))
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    resource = db.session.scalar(select(Resource))
    assert resource.title == "Co-production handbook"
    assert resource.description_html == "<p>A <em>short</em> guide for trainers.</p>"
    assert [t.name for t in resource.tags] == ["co-production", "procurement"]
    assert resource.sharer_id == member.id
    (file,) = resource.files
    assert (file.language, file.version, file.is_current) == ("en", 1, True)
    assert (file.kind, file.content_type, file.size) == ("pdf", "application/pdf", len(PDF))
    assert file.original_name == "handbook.pdf"
    assert resource.thread is not None
    assert resource.thread.category_id == category.id
    assert resource.thread.title == resource.title
    page = client.get(response.location)
    assert page.status_code == 200
    assert "Co-production handbook" in page.get_data(as_text=True)


def test_a_member_shares_a_link_without_a_file(client, db, member, make_category):
    category = make_category()
    data = share_data(category=str(category.id), external_url="https://video.example.org/v/1")
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    resource = db.session.scalar(select(Resource))
    assert resource.external_url == "https://video.example.org/v/1"
    assert resource.files == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "//example.org"])
def test_a_link_must_be_a_web_address(client, db, member, make_category, url):
    category = make_category()
    data = share_data(category=str(category.id), external_url=url)
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert count(db, Resource) == 0


def test_sharing_needs_a_file_or_a_link(client, db, member, make_category):
    category = make_category()
    response = client.post(
        "/resources/share",
        data=share_data(category=str(category.id)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Choose a file to share, or give a link." in response.get_data(as_text=True)


def refused(client, db, upload_folder, make_category, content: bytes, name: str, ctype: str):
    category = make_category()
    data = share_data(category=str(category.id), file=file_part(content, name, ctype))
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert count(db, Resource) == 0
    assert count(db, StoredBlob) == 0
    assert stored_blobs(upload_folder) == []
    assert temp_files(upload_folder) == []
    body = response.get_data(as_text=True)
    # The sharer's input is kept.
    assert 'value="Co-production handbook"' in body
    return body


def test_a_program_behind_a_pdf_name_is_refused(client, db, member, upload_folder, make_category):
    body = refused(
        client,
        db,
        upload_folder,
        make_category,
        b"MZ\x90\x00" + b"\x00" * 100,
        "handbook.pdf",
        "application/pdf",
    )
    assert "This file is not in one of the accepted formats." in body


def test_a_png_behind_a_pdf_name_is_refused(client, db, member, upload_folder, make_category):
    body = refused(
        client, db, upload_folder, make_category, samples.png(), "handbook.pdf", "application/pdf"
    )
    assert "but its name ends in \u2068.pdf\u2069" in body


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(document.cookie)</script></html>", "notes.txt"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png"),
        (b"<!doctype html><p>hi", "page.csv"),
    ],
)
def test_html_and_svg_with_script_are_refused(
    client, db, member, upload_folder, make_category, content, name
):
    body = refused(client, db, upload_folder, make_category, content, name, "text/plain")
    assert "Web pages, SVG images and scripts are not accepted." in body


def test_an_empty_file_is_refused(client, db, member, upload_folder, make_category):
    body = refused(client, db, upload_folder, make_category, b"", "empty.pdf", "application/pdf")
    assert "The file is empty." in body


def test_a_zip_bomb_is_refused(client, db, member, upload_folder, make_category):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (20 * 1024 * 1024))
    body = refused(
        client, db, upload_folder, make_category, out.getvalue(), "data.zip", "application/zip"
    )
    assert "unsafe" in body


def test_an_oversize_upload_gets_413_and_the_error_page(
    app, client, db, member, upload_folder, make_category, monkeypatch
):
    category = make_category()
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2048)
    data = share_data(category=str(category.id), file=file_part(b"%PDF-" + b"x" * 5000))
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)
    assert count(db, Resource) == 0
    assert stored_blobs(upload_folder) == []


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("/etc/cron.d/job.pdf", "job.pdf"),
        ("report\u202egpj.pdf", "reportgpj.pdf"),
        ("a\tb\x1b.pdf", "ab.pdf"),
        ("...", "file.pdf"),
    ],
)
def test_path_tricks_in_names_never_reach_the_disk(
    client, db, member, upload_folder, make_category, sent, kept
):
    category = make_category()
    data = share_data(category=str(category.id), file=file_part(PDF, sent))
    response = client.post("/resources/share", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    file = db.session.scalar(select(ResourceFile))
    # (The test client's multipart encoding loses backslashes itself: hence endswith.)
    assert file.original_name.endswith(kept)
    assert not {"/", "\\", "\x00", "\u202e"} & set(file.original_name)
    (blob,) = stored_blobs(upload_folder)
    assert blob.name == file.blob.sha256
    assert blob.is_relative_to(upload_folder)


def test_identical_files_are_stored_once(client, db, member, upload_folder, make_category):
    category = make_category()
    for title in ("First copy", "Second copy"):
        data = share_data(title=title, category=str(category.id), file=file_part(PDF))
        assert client.post("/resources/share", data=data).status_code == 302
    assert count(db, ResourceFile) == 2
    assert count(db, StoredBlob) == 1
    assert len(stored_blobs(upload_folder)) == 1


def test_a_failed_upload_leaves_no_orphan_file_or_row(
    client, db, member, upload_folder, make_category, monkeypatch
):
    from cop.resources import services

    category = make_category()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_start_discussion", broken)
    data = share_data(category=str(category.id), file=file_part(PDF))
    with pytest.raises(RuntimeError):
        client.post("/resources/share", data=data, content_type="multipart/form-data")
    db.session.rollback()
    assert count(db, Resource) == 0
    assert count(db, ResourceFile) == 0
    assert count(db, StoredBlob) == 0
    assert stored_blobs(upload_folder) == []
    assert temp_files(upload_folder) == []


def test_a_failed_upload_keeps_a_blob_that_others_use(
    client, db, member, upload_folder, make_category, make_resource, monkeypatch
):
    from cop.resources import services

    make_resource(files=[("en", PDF, "handbook.pdf")])
    category = make_category()
    monkeypatch.setattr(services, "_start_discussion", lambda *a, **k: 1 / 0)
    data = share_data(category=str(category.id), file=file_part(PDF))
    with pytest.raises(ZeroDivisionError):
        client.post("/resources/share", data=data, content_type="multipart/form-data")
    db.session.rollback()
    assert count(db, StoredBlob) == 1
    assert len(stored_blobs(upload_folder)) == 1


def test_naughty_strings_are_kept_as_text(client, db, member, make_category):
    import json
    import random

    from cop.resources.services import parse_tags

    strings = json.loads(Path("/work/shared/corpora/blns.json").read_text(encoding="utf-8"))
    sample = random.Random(4).sample([s for s in strings if s.strip()], 25)
    category = make_category()
    for n, text in enumerate(sample):
        data = share_data(
            title=f"Naughty {n} {text}"[:150],
            description=text,
            source=text[:300],
            funding=text[:500],
            tags=text[:100],
            external_url="https://example.org/",
            category=str(category.id),
        )
        response = client.post("/resources/share", data=data, content_type="multipart/form-data")
        assert response.status_code in (302, 422), text
        if response.status_code == 302:
            resource = db.session.scalar(select(Resource).order_by(Resource.id.desc()))
            assert resource.source == text[:300].strip()
            assert "<script" not in resource.description_html
            assert len(resource.tags) == len(parse_tags(text[:100]))
            assert client.get(response.location).status_code == 200
    assert client.get("/resources/").status_code == 200
