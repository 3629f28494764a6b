"""Slow mobile links against a real gunicorn: a trickled upload lands whole, and a slow
download that breaks off resumes with Range where it stopped.

The server is started the way tests/quality/server.py starts it (its worker class is
whatever that helper uses); each transfer is kept to about a second.
"""

from __future__ import annotations

import hashlib
import io
import socket
import time

import pytest
from sqlalchemy import select

from cop.extensions import db
from tests.conftest import PASSWORD, build_app, migrate_to_head
from tests.databases import fresh_database_url
from tests.quality.server import Client, Gunicorn, form_fields, multipart
from tests.resources.conftest import resource_fields

EMAIL = "slow-link@example.org"
# 300 KB of text in several scripts: accepted as a .txt file.
CONTENT = ("línea 1 — γραμμή — سطر — ligne\n" * 8000).encode()[: 300 * 1024]
CONTENT = CONTENT[: CONTENT.rfind(b"\n") + 1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from cop.auth import services

    folder = tmp_path_factory.mktemp("slow-links")
    uploads = folder / "uploads"
    app = build_app(
        fresh_database_url("slow-links", folder), SERVER_NAME=None, UPLOAD_FOLDER=str(uploads)
    )
    migrate_to_head(app)
    with app.app_context():
        services.register_member(
            display_name="Slow Link",
            email=EMAIL,
            password=PASSWORD,
            country="JO",
            locale="ar",
            email_confirmed=True,
        )
        db.session.commit()
        db.session.remove()
    gunicorn = Gunicorn(
        folder / "gunicorn.log",
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
        uploads=uploads,
        workers=2,
    )
    try:
        yield app, gunicorn
    finally:
        gunicorn.stop()
        with app.app_context():
            db.engine.dispose()


def raw_request(gunicorn: Gunicorn, head: str, body_chunks=(), pause: float = 0.0):
    """Send `head` then each body chunk with `pause` seconds between; the open socket."""
    sock = socket.create_connection((gunicorn.host, gunicorn.port), timeout=20)
    sock.sendall(head.encode())
    for chunk in body_chunks:
        time.sleep(pause)
        sock.sendall(chunk)
    return sock


def read_head(sock: socket.socket) -> tuple[str, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(4096)
        assert piece, "connection closed before the headers"
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), rest


def header(head: str, name: str) -> str:
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    raise KeyError(name)


def cookie_header(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def test_an_upload_trickled_over_a_slow_link_lands_whole(server):
    app, gunicorn = server
    client = Client(gunicorn)
    client.sign_in(EMAIL, PASSWORD)
    fields = form_fields(client.get("/resources/share").text, "")
    fields.update(
        title="Trickled over a slow link",
        type="toolkit",
        licence="cc-by-4.0",
        original_language="ar",
        file_language="ar",
        external_url="",
    )
    fields.pop("kept_file", None)
    body, content_type = multipart(fields, {"file": ("notes.txt", CONTENT)})
    head = (
        f"POST /resources/share HTTP/1.1\r\nHost: {gunicorn.host}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {cookie_header(client)}\r\nConnection: close\r\n\r\n"
    )
    pieces = [body[i : i + 32 * 1024] for i in range(0, len(body), 32 * 1024)]
    sock = raw_request(gunicorn, head, pieces, pause=0.08)
    with sock:
        status_head, _ = read_head(sock)
    assert status_head.startswith("HTTP/1.1 302"), status_head

    from cop.resources.models import ResourceFile

    with app.app_context():
        file = db.session.scalar(select(ResourceFile).order_by(ResourceFile.id.desc()))
        assert file.original_name == "notes.txt"
        assert file.size == len(CONTENT)
        assert file.blob.sha256 == hashlib.sha256(CONTENT).hexdigest()
        db.session.remove()


def _shared_file(app) -> tuple[int, int]:
    from cop.members.models import Member
    from cop.resources import filetypes, services
    from cop.resources.storage import get_storage
    from cop.resources.uploads import Upload

    with app.app_context():
        member = db.session.scalar(select(Member).where(Member.email == EMAIL))
        fields = resource_fields(title="For a slow download", original_language="ar")
        resource = services.create_resource(sharer=member, fields=fields)
        staged = get_storage().stage(io.BytesIO(CONTENT))
        kind = filetypes.sniff(staged.temp_path, name="long.txt")
        upload = Upload(staged=staged, kind=kind, name="long.txt")
        file = services.add_file(resource, upload=upload, language="ar", uploader=member)
        db.session.commit()
        ids = resource.id, file.id
        db.session.remove()
    return ids


def test_a_slow_download_that_breaks_off_resumes_where_it_stopped(server):
    app, gunicorn = server
    resource_id, file_id = _shared_file(app)
    path = f"/resources/{resource_id}/files/{file_id}/download"

    # A phone that reads slowly, then loses the connection halfway.
    sock = raw_request(gunicorn, f"GET {path} HTTP/1.1\r\nHost: {gunicorn.host}\r\n\r\n")
    with sock:
        head, received = read_head(sock)
        assert head.startswith("HTTP/1.1 200"), head
        assert int(header(head, "Content-Length")) == len(CONTENT)
        etag = header(head, "ETag")
        while len(received) < len(CONTENT) // 2:
            piece = sock.recv(16 * 1024)
            assert piece
            received += piece
            time.sleep(0.03)
    assert CONTENT.startswith(received)

    # It comes back and asks for the rest of the same version.
    sock = raw_request(
        gunicorn,
        f"GET {path} HTTP/1.1\r\nHost: {gunicorn.host}\r\nRange: bytes={len(received)}-\r\n"
        f"If-Range: {etag}\r\nConnection: close\r\n\r\n",
    )
    with sock:
        head, rest = read_head(sock)
        while piece := sock.recv(64 * 1024):
            rest += piece
    assert head.startswith("HTTP/1.1 206"), head
    assert (
        header(head, "Content-Range") == f"bytes {len(received)}-{len(CONTENT) - 1}/{len(CONTENT)}"
    )
    assert received + rest == CONTENT
