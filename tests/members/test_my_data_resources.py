"""My data includes the resources a member shared, with their files."""

from __future__ import annotations

import json

from tests.resources.conftest import PDF, make_resource, upload_folder  # noqa: F401 -- fixtures


def test_my_data_holds_shared_resources_and_their_files(
    make_member,
    login,
    make_resource,  # noqa: F811
    exported,
):
    member = make_member()
    make_resource(sharer=member, title="Co-production handbook",
                  files=[("en", PDF, "handbook.pdf"), ("ar", PDF, "دليل.pdf")])  # fmt: skip
    make_resource(title="Someone else's resource")
    login(member)
    archive = exported()
    resources = json.loads(archive.read("resources.json"))
    assert [r["title"] for r in resources] == ["Co-production handbook"]
    paths = [f["file"] for f in resources[0]["files"]]
    assert len(paths) == 2
    for path in paths:
        assert archive.read(path) == PDF
    assert "missing_files" not in json.loads(archive.read("manifest.json"))
