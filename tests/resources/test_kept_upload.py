"""The file is judged with the other fields, and an accepted one is kept for the corrected form."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from cop.resources import kept, samples
from cop.resources.models import Resource, ResourceFile, StoredBlob
from tests.conftest import PASSWORD
from tests.resources.conftest import PDF, file_part, share_data, stored_blobs

GONE = "The file you chose earlier is no longer kept. Choose it again."


@pytest.fixture
def member(make_member, login):
    member = make_member()
    login(member)
    return member


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def kept_token(body: str) -> str:
    match = re.search(r'name="kept_file" type="hidden" value="([^"]*)"', body) or re.search(
        r'type="hidden" name="kept_file" value="([^"]*)"', body
    )
    assert match, "no kept_file field in the form"
    return html.unescape(match.group(1))


def kept_files(folder) -> list:
    return list((folder / "kept").glob("*")) if (folder / "kept").exists() else []


def post_share(client, **data):
    return client.post("/resources/share", data=data, content_type="multipart/form-data")


def test_a_wrong_file_type_shows_with_the_other_errors_in_one_submission(
    client, db, member, make_category
):
    category = make_category()
    response = post_share(
        client,
        **share_data(
            title="",
            category=str(category.id),
            file=file_part(samples.png(), "handbook.pdf", "application/pdf"),
        ),
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Give the resource a title." in body
    assert "but its name ends in \u2068.pdf\u2069" in body
    assert count(db, Resource) == 0


def test_a_file_over_the_sites_limit_shows_with_the_other_errors_in_one_submission(
    client, db, member, make_category, upload_folder, monkeypatch
):
    from cop import sitesettings

    monkeypatch.setattr(sitesettings, "upload_limit", lambda: 100)
    category = make_category()
    response = post_share(
        client, **share_data(licence="", category=str(category.id), file=file_part(PDF))
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Choose the licence the material is published under." in body
    assert "The file is larger than this site accepts." in body
    assert "Kept:" not in body
    assert kept_files(upload_folder) == []


def test_an_accepted_file_is_kept_while_the_other_fields_are_corrected(
    client, db, member, make_category, upload_folder
):
    category = make_category()
    first = post_share(
        client, **share_data(title="", category=str(category.id), file=file_part(PDF, "guía.pdf"))
    )
    assert first.status_code == 422
    body = first.get_data(as_text=True)
    assert "Kept: <bdi>guía.pdf</bdi>" in body
    assert "Choose another file only if you want to replace it." in body
    assert len(kept_files(upload_folder)) == 1
    assert count(db, StoredBlob) == 0

    # The corrected form comes back without the file: the kept one is used.
    second = post_share(client, **share_data(category=str(category.id), kept_file=kept_token(body)))
    assert second.status_code == 302, second.get_data(as_text=True)
    file = db.session.scalar(select(ResourceFile))
    assert file.original_name == "guía.pdf"
    assert file.size == len(PDF)
    (blob,) = stored_blobs(upload_folder)
    assert blob.read_bytes() == PDF
    assert kept_files(upload_folder) == []


def test_a_file_kept_twice_is_still_the_same_upload(
    client, db, member, make_category, upload_folder
):
    category = make_category()
    body = post_share(
        client, **share_data(title="", category=str(category.id), file=file_part(PDF))
    ).get_data(as_text=True)
    again = post_share(
        client, **share_data(title="", category=str(category.id), kept_file=kept_token(body))
    )
    assert again.status_code == 422
    assert "Kept: <bdi>handbook.pdf</bdi>" in again.get_data(as_text=True)
    assert len(kept_files(upload_folder)) == 1
    final = post_share(
        client,
        **share_data(category=str(category.id), kept_file=kept_token(again.get_data(as_text=True))),
    )
    assert final.status_code == 302
    assert count(db, ResourceFile) == 1


def test_choosing_another_file_replaces_the_kept_one(
    client, db, member, make_category, upload_folder
):
    category = make_category()
    body = post_share(
        client, **share_data(title="", category=str(category.id), file=file_part(PDF))
    ).get_data(as_text=True)
    other = samples.pdf(["Another handbook"])
    response = post_share(
        client,
        **share_data(
            category=str(category.id),
            kept_file=kept_token(body),
            file=file_part(other, "other.pdf"),
        ),
    )
    assert response.status_code == 302
    file = db.session.scalar(select(ResourceFile))
    assert file.original_name == "other.pdf"
    (blob,) = stored_blobs(upload_folder)
    assert blob.read_bytes() == other
    assert kept_files(upload_folder) == []


def test_another_members_kept_file_is_refused(
    app, client, db, make_member, login, make_category, upload_folder
):
    category = make_category()
    login(make_member())
    body = post_share(
        client, **share_data(title="", category=str(category.id), file=file_part(PDF))
    ).get_data(as_text=True)
    token = kept_token(body)

    other = app.test_client()
    thief = make_member()
    signed_in = other.post("/auth/sign-in", data={"email": thief.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    response = post_share(other, **share_data(category=str(category.id), kept_file=token))
    assert response.status_code == 422
    assert GONE in response.get_data(as_text=True)
    assert count(db, Resource) == 0
    assert count(db, StoredBlob) == 0
    assert len(kept_files(upload_folder)) == 1  # still the first member's, until it expires


def test_an_expired_kept_file_is_refused_and_the_form_asks_for_it_again(
    client, db, member, make_category, monkeypatch
):
    category = make_category()
    body = post_share(
        client, **share_data(title="", category=str(category.id), file=file_part(PDF))
    ).get_data(as_text=True)
    monkeypatch.setattr(kept, "KEEP_SECONDS", -1)  # every token is now older than allowed
    response = post_share(
        client, **share_data(category=str(category.id), kept_file=kept_token(body))
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert GONE in page
    assert "Kept:" not in page
    assert count(db, Resource) == 0


@pytest.mark.parametrize("token", ["forged", "eyJpZCI6Ii4uLy4uL2V0Yy9wYXNzd2QifQ.x.y", "x" * 1900])
def test_a_forged_kept_file_token_is_refused(client, db, member, make_category, token):
    category = make_category()
    response = post_share(client, **share_data(category=str(category.id), kept_file=token))
    assert response.status_code == 422
    assert GONE in response.get_data(as_text=True)
    assert count(db, Resource) == 0


def test_a_new_version_keeps_its_file_while_the_language_is_corrected(
    client, db, make_resource, login, upload_folder
):
    resource = make_resource(files=[])
    login(resource.sharer)
    address = f"/resources/{resource.id}/versions/new"
    first = client.post(
        address,
        data={"language": "xx", "file": file_part(PDF, "دليل.pdf")},
        content_type="multipart/form-data",
    )
    assert first.status_code == 422
    body = first.get_data(as_text=True)
    assert "Kept: <bdi>دليل.pdf</bdi>" in body
    second = client.post(
        address,
        data={"language": "ar", "kept_file": kept_token(body)},
        content_type="multipart/form-data",
    )
    assert second.status_code == 302
    (file,) = db.session.scalars(select(ResourceFile)).all()
    assert (file.language, file.original_name) == ("ar", "دليل.pdf")


def test_kept_files_are_not_downloadable_or_reachable_by_name(app, upload_folder):
    from cop.resources.storage import get_storage

    storage = get_storage()
    assert storage.kept("../../etc/passwd", sha256="0" * 64, size=1) is None
    assert storage.kept("a" * 32, sha256="0" * 64, size=1) is None
