"""Downloads: the same bytes, the right headers, Range and ETag, and an honest count."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from cop.resources import samples
from cop.resources.models import ResourceDownload
from tests.resources.conftest import PDF


def fetch(client, address: str, method: str = "GET", **kwargs):
    """The response with its body read and the file closed (no ResourceWarning)."""
    response = client.open(address, method=method, **kwargs)
    response.get_data()
    response.close()
    return response


def url(resource, file=None) -> str:
    file = file or resource.files[0]
    return f"/resources/{resource.id}/files/{file.id}/download"


def test_a_visitor_downloads_the_same_bytes_as_an_attachment(client, make_resource):
    resource = make_resource()
    response = fetch(client, url(resource))
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"handbook.pdf\"; filename*=UTF-8''handbook.pdf"
    )
    assert response.headers["ETag"].strip('"') == resource.files[0].blob.sha256
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("دليل المدرب.pdf", "download.pdf"),
        ("Οδηγός εκπαιδευτή.pdf", "download.pdf"),
        ("Guía del formador.pdf", "Guia del formador.pdf"),
        ("Manual de formação.pdf", "Manual de formacao.pdf"),
    ],
)
def test_names_in_any_script_survive_the_download(client, make_resource, name, fallback):
    resource = make_resource(files=[("ar", PDF, name)], original_language="ar")
    response = fetch(client, url(resource))
    disposition = response.headers["Content-Disposition"]
    assert f'filename="{fallback}"' in disposition
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
    # What a browser does with RFC 5987: percent-decode the UTF-8 name.
    from urllib.parse import unquote

    assert unquote(disposition.split("''", 1)[1]) == name


def test_text_files_are_served_as_utf8_text_never_as_html(client, make_resource):
    content = "country,name\nJO,عمر\n".encode()
    resource = make_resource(files=[("ar", content, "list.csv")])
    response = fetch(client, url(resource))
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data == content


def test_ranges_are_served_partially(client, make_resource):
    resource = make_resource()
    response = fetch(client, url(resource), headers={"Range": "bytes=0-9"})
    assert response.status_code == 206
    assert response.data == PDF[:10]
    assert response.headers["Content-Range"] == f"bytes 0-9/{len(PDF)}"
    tail = fetch(client, url(resource), headers={"Range": "bytes=10-"})
    assert tail.status_code == 206
    assert tail.data == PDF[10:]
    beyond = fetch(client, url(resource), headers={"Range": f"bytes={len(PDF) + 10}-"})
    assert beyond.status_code == 416


def test_a_matching_etag_answers_304_without_the_body(client, make_resource):
    resource = make_resource()
    etag = fetch(client, url(resource)).headers["ETag"]
    response = fetch(client, url(resource), headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    changed = fetch(client, url(resource), headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_if_range_with_a_stale_etag_sends_the_whole_file(client, make_resource):
    resource = make_resource()
    response = fetch(client, url(resource), headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert response.status_code == 200
    assert response.data == PDF


def test_a_member_counts_once_a_day(client, db, make_resource, make_member, login):
    resource = make_resource()
    login(make_member())
    for _ in range(3):
        fetch(client, url(resource))
    db.session.refresh(resource)
    assert resource.download_count == 1
    assert db.session.scalar(select(func.count()).select_from(ResourceDownload)) == 1


def test_members_and_visitors_each_count(app, db, make_resource, make_member, login):
    resource = make_resource()
    fetch(app.test_client(), url(resource), environ_base={"REMOTE_ADDR": "192.0.2.1"})
    fetch(app.test_client(), url(resource), environ_base={"REMOTE_ADDR": "192.0.2.1"})
    fetch(app.test_client(), url(resource), environ_base={"REMOTE_ADDR": "192.0.2.2"})
    db.session.refresh(resource)
    assert resource.download_count == 2
    keys = db.session.scalars(select(ResourceDownload.visitor_key)).all()
    # The address is never stored, only a keyed hash that changes every day.
    assert all("192.0.2" not in key for key in keys)


def test_resumed_ranges_and_head_requests_do_not_count(client, db, make_resource):
    resource = make_resource()
    fetch(client, url(resource), headers={"Range": "bytes=100-"})
    fetch(client, url(resource), method="HEAD")
    db.session.refresh(resource)
    assert resource.download_count == 0


def test_older_versions_can_still_be_downloaded(client, make_resource):
    first = samples.pdf(["first edition"])
    second = samples.pdf(["second edition"])
    resource = make_resource(files=[("en", first, "a.pdf"), ("en", second, "a.pdf")])
    old, new = sorted(resource.files, key=lambda f: f.version)
    assert fetch(client, url(resource, old)).data == first
    assert fetch(client, url(resource, new)).data == second


def test_a_file_of_another_resource_is_not_found(client, make_resource):
    one, two = make_resource(), make_resource()
    response = fetch(client, f"/resources/{one.id}/files/{two.files[0].id}/download")
    assert response.status_code == 404


def test_the_transfer_can_be_handed_to_nginx(app, client, make_resource, monkeypatch):
    monkeypatch.setitem(app.config, "SENDFILE_HEADER", "X-Accel-Redirect")
    monkeypatch.setitem(app.config, "SENDFILE_PREFIX", "/protected-uploads/")
    resource = make_resource(files=[("el", PDF, "Οδηγός.pdf")])
    sha = resource.files[0].blob.sha256
    response = fetch(client, url(resource))
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["X-Accel-Redirect"] == f"/protected-uploads/{sha[:2]}/{sha[2:4]}/{sha}"
    assert response.headers["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_transfer_can_be_handed_to_apache(app, client, make_resource, monkeypatch):
    monkeypatch.setitem(app.config, "SENDFILE_HEADER", "X-Sendfile")
    resource = make_resource()
    sha = resource.files[0].blob.sha256
    response = fetch(client, url(resource))
    assert response.headers["X-Sendfile"].endswith(f"/{sha[:2]}/{sha[2:4]}/{sha}")
    assert response.data == b""


def test_a_conditional_hit_or_a_missing_file_counts_nothing(app, db, make_resource, upload_folder):
    resource = make_resource()
    first = fetch(app.test_client(), url(resource), environ_base={"REMOTE_ADDR": "192.0.2.7"})
    again = fetch(
        app.test_client(),
        url(resource),
        environ_base={"REMOTE_ADDR": "192.0.2.8"},
        headers={"If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
    for path in upload_folder.rglob(resource.files[0].blob.sha256):
        path.unlink()
    gone = fetch(app.test_client(), url(resource), environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert gone.status_code == 404
    db.session.refresh(resource)
    assert resource.download_count == 1


def test_a_public_resource_file_may_be_cached_but_is_revalidated_every_time(client, make_resource):
    resource = make_resource()
    response = fetch(client, url(resource))
    assert response.headers["Cache-Control"] == "public, no-cache"
    again = fetch(client, url(resource), headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == "public, no-cache"


def test_a_removed_resource_file_is_private_to_the_moderators_browser(
    client, db, make_resource, moderator, login
):
    resource = make_resource()
    resource.is_removed = True
    db.session.commit()
    assert fetch(client, url(resource)).status_code == 404
    login(moderator)
    response = fetch(client, url(resource))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response.headers["Vary"]


def test_last_modified_answers_304_and_a_resume_with_a_matching_if_range_gets_the_rest(
    client, make_resource
):
    resource = make_resource()
    first = fetch(client, url(resource))
    modified = first.headers["Last-Modified"]
    assert fetch(client, url(resource), headers={"If-Modified-Since": modified}).status_code == 304
    rest = fetch(
        client, url(resource), headers={"Range": "bytes=100-", "If-Range": first.headers["ETag"]}
    )
    assert rest.status_code == 206
    assert rest.data == PDF[100:]
    assert rest.headers["Cache-Control"] == "public, no-cache"


def test_a_handed_over_download_carries_the_same_policy(app, client, make_resource, monkeypatch):
    monkeypatch.setitem(app.config, "SENDFILE_HEADER", "X-Accel-Redirect")
    response = fetch(client, url(make_resource()))
    assert response.headers["Cache-Control"] == "public, no-cache"


def test_a_download_streams_from_the_file_without_reading_it_into_memory(app, make_resource):
    from werkzeug.wsgi import FileWrapper

    from cop.resources.downloads import send_resource_file

    resource = make_resource()
    with app.test_request_context(url(resource)):
        response = send_resource_file(resource.files[0])
        assert response.direct_passthrough
        assert isinstance(response.response, FileWrapper)
        response.close()


def test_an_unreadable_file_answers_a_translated_503_not_a_500(
    app, client, make_resource, monkeypatch
):
    import cop.resources.downloads as downloads

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    resource = make_resource()
    monkeypatch.setattr(downloads, "send_file", unreadable)
    response = fetch(client, url(resource))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "The file cannot be reached at the moment." in response.get_data(as_text=True)
    spanish = fetch(client, url(resource), headers={"Accept-Language": "es"})
    assert "The file cannot be reached" not in spanish.get_data(as_text=True)
