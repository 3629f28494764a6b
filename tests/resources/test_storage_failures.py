"""A read-only or full upload folder: a translated 503, the form kept, nothing half-written."""

from __future__ import annotations

import errno
import logging
import os
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cop.resources import storage as storage_module
from cop.resources.models import Resource, ResourceFile, StoredBlob
from cop.resources.storage import LocalStorage, StorageUnavailable
from tests.resources.conftest import PDF, file_part, share_data, stored_blobs


@pytest.fixture
def member(make_member, login):
    member = make_member()
    login(member)
    return member


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_bytes(b"x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


@pytest.fixture
def read_only_folder(upload_folder):
    """The upload folder made read-only: by its mode, or (as root) a read-only mount."""
    upload_folder.mkdir(parents=True, exist_ok=True)
    upload_folder.chmod(0o555)
    if not _can_write(upload_folder):
        yield upload_folder
        upload_folder.chmod(0o755)
        return
    upload_folder.chmod(0o755)  # root ignores modes: mount an empty read-only tmpfs
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(upload_folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0 or _can_write(upload_folder):
        pytest.skip("cannot make a read-only folder here")
    try:
        yield upload_folder
    finally:
        subprocess.run(["umount", str(upload_folder)], check=False)


class DiskFillsUp:
    """A temporary file that takes `budget` bytes, then fails like a full disk."""

    def __init__(self, handle, budget: int) -> None:
        self.handle = handle
        self.budget = budget
        self.name = handle.name

    def write(self, data: bytes) -> int:
        if len(data) > self.budget:
            self.handle.write(data[: self.budget])
            self.budget = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.budget -= len(data)
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)


@pytest.fixture
def full_disk(monkeypatch):
    """Storage whose disk is full after 100 bytes of any upload."""

    class FullStorage(LocalStorage):
        def _open_temp(self):
            return DiskFillsUp(super()._open_temp(), budget=100)

    monkeypatch.setattr(
        storage_module, "LocalStorage", FullStorage
    )  # get_storage() builds this one
    return FullStorage


def share(client, category, **overrides):
    data = share_data(category=str(category.id), file=file_part(PDF), **overrides)
    return client.post("/resources/share", data=data, content_type="multipart/form-data")


def assert_nothing_written(db, folder: Path) -> None:
    assert count(db, Resource) == 0
    assert count(db, ResourceFile) == 0
    assert count(db, StoredBlob) == 0
    assert all_files(folder) == []


def assert_storage_page(response) -> str:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    body = response.get_data(as_text=True)
    assert "the site&#39;s storage is not available at the moment" in body
    # Everything typed is still in the form.
    assert 'value="Co-production handbook"' in body
    assert "A *short* guide for trainers." in body
    assert 'value="co-production, procurement"' in body
    return body


def test_sharing_into_a_read_only_folder_answers_503_and_keeps_the_form(
    client, db, member, make_category, read_only_folder, caplog
):
    category = make_category()
    with caplog.at_level(logging.ERROR, logger="cop.storage"):
        response = share(client, category)
    assert_storage_page(response)
    assert_nothing_written(db, read_only_folder)
    lines = [r.getMessage() for r in caplog.records if r.name == "cop.storage"]
    assert len(lines) == 1
    assert "unavailable" in lines[0] and str(read_only_folder) in lines[0]


def test_a_disk_that_fills_up_mid_write_leaves_no_row_and_no_file(
    client, db, member, make_category, upload_folder, full_disk, caplog
):
    category = make_category()
    with caplog.at_level(logging.ERROR, logger="cop.storage"):
        response = share(client, category)
    assert_storage_page(response)
    assert_nothing_written(db, upload_folder)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "cop.storage"]
    assert "ENOSPC" in line


def test_a_failed_move_into_place_leaves_no_row_and_no_file(
    client, db, member, make_category, upload_folder, monkeypatch
):
    category = make_category()
    real_replace = os.replace

    def replace(source, target):
        if Path(target).parent.parent.parent == upload_folder:  # ab/cd/<sha256>
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    response = share(client, category)
    assert_storage_page(response)
    assert_nothing_written(db, upload_folder)


def test_a_new_version_into_a_full_disk_answers_503_and_changes_nothing(
    client, db, make_resource, login, upload_folder, full_disk
):
    resource = make_resource(files=[])
    login(resource.sharer)
    response = client.post(
        f"/resources/{resource.id}/versions/new",
        data={"language": "el", "file": file_part(PDF, "odigos.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "storage is not available" in body
    assert re.search(r'<option (?:lang="el" )?selected value="el">', body)
    assert count(db, ResourceFile) == 0
    assert stored_blobs(upload_folder) == []
    assert all_files(upload_folder) == []


def test_the_storage_page_is_translated(client, db, member, make_category, full_disk):
    from cop.members.models import Member

    db.session.get(Member, member.id).locale = "es"
    db.session.commit()
    response = share(client, make_category())
    assert response.status_code == 503
    assert "storage is not available" not in response.get_data(as_text=True)


def test_the_storage_refuses_and_cleans_up_when_written_directly(app, upload_folder, full_disk):
    import io

    from cop.resources.storage import get_storage

    with pytest.raises(StorageUnavailable):
        get_storage().stage(io.BytesIO(b"x" * 5000))
    assert all_files(upload_folder) == []
