"""`flask resources prune-blobs` removes only what nothing refers to."""

from __future__ import annotations

import io
import os
import time

from cop.resources import samples
from cop.resources.storage import get_storage
from tests.resources.conftest import stored_blobs, temp_files


def age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_orphans_and_stale_temporary_files_go_referenced_and_young_ones_stay(
    app, db, make_resource, upload_folder
):
    resource = make_resource()
    storage = get_storage()
    orphan = storage.stage(io.BytesIO(samples.png()))
    storage.put(orphan)
    young = storage.stage(io.BytesIO(samples.pdf(["young"])))
    storage.put(young)
    stale_temp = storage.stage(io.BytesIO(b"half an upload"))
    for path in stored_blobs(upload_folder):
        if path.name != young.sha256:
            age(path, 2 * 3600)
    age(stale_temp.temp_path, 2 * 3600)

    result = app.test_cli_runner().invoke(args=["resources", "prune-blobs"])
    assert "Removed 1 orphaned blobs and 1 temporary files." in result.output
    names = {p.name for p in stored_blobs(upload_folder)}
    assert names == {resource.files[0].blob.sha256, young.sha256}
    assert temp_files(upload_folder) == []


def test_the_every_minute_cron_job_removes_an_orphan_left_by_a_killed_worker(
    app, db, make_resource, upload_folder
):
    resource = make_resource()
    storage = get_storage()
    # A worker killed after moving the blob into place, before its commit.
    orphan = storage.stage(io.BytesIO(samples.pdf(["never committed"])))
    storage.put(orphan)
    blob = storage.local_path(orphan.sha256)
    age(blob, 11 * 60)  # past the ten minutes' grace, far short of an hour

    result = app.test_cli_runner().invoke(args=["cop", "send-notifications"])
    assert result.exit_code == 0, result.output
    assert not blob.exists()
    assert {p.name for p in stored_blobs(upload_folder)} == {resource.files[0].blob.sha256}


def test_an_old_orphan_that_a_new_upload_reuses_is_not_pruned(app, db, upload_folder):
    from cop.resources.cli import prune_blobs

    storage = get_storage()
    content = samples.pdf(["shared twice"])
    first = storage.stage(io.BytesIO(content))
    storage.put(first)
    age(storage.local_path(first.sha256), 2 * 3600)
    # Another upload of the same bytes, its row not committed yet: put() touches the blob.
    again = storage.stage(io.BytesIO(content))
    assert storage.put(again) is False
    assert prune_blobs() == (0, 0)
    assert storage.exists(first.sha256)


def test_kept_uploads_are_pruned_once_their_token_has_expired(app, db, upload_folder):
    from cop.resources import kept
    from cop.resources.cli import prune_blobs
    from cop.resources.filetypes import KINDS
    from cop.resources.uploads import Upload

    storage = get_storage()
    fresh = storage.stage(io.BytesIO(samples.pdf(["fresh"])))
    stale = storage.stage(io.BytesIO(samples.pdf(["stale"])))
    for staged in (fresh, stale):
        kept.keep(Upload(staged=staged, kind=KINDS["pdf"], name="a.pdf"), member_id=1)
    age(stale.temp_path, kept.KEEP_SECONDS + 120)

    assert prune_blobs() == (0, 1)
    assert fresh.temp_path.exists()
    assert not stale.temp_path.exists()


def test_a_blob_stored_from_an_upload_kept_for_a_while_is_young_for_the_prune(
    app, db, upload_folder
):
    from cop.resources import kept
    from cop.resources.cli import GRACE_SECONDS, prune_blobs
    from cop.resources.filetypes import KINDS
    from cop.resources.uploads import Upload

    storage = get_storage()
    staged = storage.stage(io.BytesIO(samples.pdf(["kept for half an hour"])))
    token = kept.keep(Upload(staged=staged, kind=KINDS["pdf"], name="a.pdf"), member_id=1).token
    age(staged.temp_path, 30 * 60)  # the member took half an hour to correct the form
    upload = kept.restore(token, member_id=1)
    storage.put(upload.staged)  # its row is about to commit
    assert list(storage.keys_older_than(GRACE_SECONDS)) == []
    assert prune_blobs() == (0, 0)
    assert storage.exists(upload.staged.sha256)
