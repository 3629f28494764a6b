"""Downloads are never recompressed on the way out (cop.compression): a file keeps its
length for the progress bar, and its ranges for resuming on a slow link."""

from __future__ import annotations

BROWSER = "gzip, deflate, br, zstd"


def test_a_text_file_is_downloaded_as_stored_even_when_the_browser_accepts_brotli(
    client, make_resource
):
    content = ("country,name\nJO,عمر\n" * 200).encode()
    resource = make_resource(files=[("ar", content, "list.csv")])
    address = f"/resources/{resource.id}/files/{resource.files[0].id}/download"
    whole = client.get(address, headers={"Accept-Encoding": BROWSER})
    assert "Content-Encoding" not in whole.headers
    assert whole.get_data() == content
    assert int(whole.headers["Content-Length"]) == len(content)
    whole.close()
    part = client.get(address, headers={"Accept-Encoding": BROWSER, "Range": "bytes=100-199"})
    assert part.status_code == 206
    assert "Content-Encoding" not in part.headers
    assert part.get_data() == content[100:200]
    part.close()


def test_stored_files_are_readable_by_a_front_server_running_as_another_user(
    make_resource, upload_folder
):
    make_resource()
    blobs = [
        p
        for p in upload_folder.rglob("*")
        if p.is_file() and p.relative_to(upload_folder).parts[0] != "tmp"
    ]
    assert blobs and all(p.stat().st_mode & 0o777 == 0o644 for p in blobs)
