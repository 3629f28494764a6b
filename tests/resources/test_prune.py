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
