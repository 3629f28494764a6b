"""A worker killed in the middle of a post or an upload leaves nothing half-written.

Two moments. While an upload's body is still arriving (half sent, the rest never comes):
the worker holding the connection is found through /proc and killed. And just before
the commit, the worst moment: the test-only hook in cop/database.py holds a request that
carries its header (rows flushed, the file stored, nothing committed), the worker says so
in the log, and the test kills it. Afterwards no row landed, every stored file is whole,
the site's sweep (`flask resources prune-blobs`) leaves no file without its row, and the
next request is served.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import re
import signal
import socket
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from cop.database import PAUSE_HEADER
from cop.extensions import db
from tests.conftest import PASSWORD
from tests.quality.server import Client, form_fields, wait_for

pytestmark = pytest.mark.slow

PAUSED = re.compile(r"pausing before commit in worker (\d+)")


def _kill_while_paused(site, send) -> None:
    """Run send() (a request with the pause header) and SIGKILL the worker that holds it."""
    seen = len(PAUSED.findall(site.server.log()))
    outcome: list[object] = []

    def run():
        try:
            outcome.append(send())
        except (OSError, http.client.HTTPException) as error:
            outcome.append(error)

    request = threading.Thread(target=run, daemon=True)
    request.start()
    pids = wait_for(
        lambda: PAUSED.findall(site.server.log())[seen:], timeout=20, what="the paused worker"
    )
    pid = int(pids[0])
    assert pid in site.server.worker_pids()
    os.kill(pid, signal.SIGKILL)
    request.join(timeout=20)
    assert not request.is_alive()
    assert isinstance(outcome[0], OSError | http.client.HTTPException), outcome
    # The master replaces the dead worker.
    wait_for(
        lambda: (
            pid not in site.server.worker_pids()
            and len(site.server.worker_pids()) == site.server.workers
        ),
        timeout=20,
        what="a new worker",
    )


def _signed_in(site, n: int) -> Client:
    client = Client(site.server)
    client.sign_in(site.emails[n], PASSWORD)
    return client


def _integrity(site) -> None:
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_worker_killed_before_a_reply_commits_leaves_no_trace(site):
    from cop.threads.models import Post

    client = _signed_in(site, 0)
    path = f"/threads/{site.thread_id}/reply"
    fields = form_fields(client.get(path).text, path)  # the reply page
    marker = f"killed{uuid.uuid4().hex[:10]}"
    with site.app.app_context():
        posts_before = db.session.scalar(select(func.count(Post.id)))
        db.session.remove()

    _kill_while_paused(
        site,
        lambda: client.post_form(
            path,
            {**fields, "body": f"Reply {marker} never saved.", "client_token": marker},
            headers={PAUSE_HEADER: "1"},
        ),
    )

    with site.app.app_context():
        assert db.session.scalar(select(func.count(Post.id))) == posts_before
        assert not db.session.scalar(select(Post.id).where(Post.body_source.contains(marker)))
        _integrity(site)
        db.session.remove()
    # The next request is served, and the same reply sent again lands once.
    again = client.post_form(
        path, {**fields, "body": f"Reply {marker} saved.", "client_token": marker}
    )
    assert again.status == 302, again.text[:500]
    with site.app.app_context():
        assert db.session.scalar(select(func.count(Post.id))) == posts_before + 1
        db.session.remove()


def test_a_worker_killed_before_an_upload_commits_leaves_no_file_or_row(site):
    from cop.resources.cli import prune_blobs
    from cop.resources.models import Resource, StoredBlob

    client = _signed_in(site, 1)
    fields = form_fields(client.get("/resources/share").text, "")
    marker = f"killed{uuid.uuid4().hex[:10]}"
    content = f"Half an upload {marker}\n".encode() * 50

    def upload(**kwargs):
        return client.post_multipart(
            "/resources/share",
            {**fields, "title": f"Killed upload {marker}"},
            {"file": (f"{marker}.txt", content)},
            **kwargs,
        )

    with site.app.app_context():
        resources_before = db.session.scalar(select(func.count(Resource.id)))
        db.session.remove()

    _kill_while_paused(site, lambda: upload(headers={PAUSE_HEADER: "1"}))

    with site.app.app_context():
        assert db.session.scalar(select(func.count(Resource.id))) == resources_before
        # Every file on disk is whole: its name is the hash of its bytes.
        for path in site.uploads.glob("??/??/*"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
        # What the killed worker stored, no row refers to; the sweep removes it.
        prune_blobs(grace_seconds=0)
        referenced = set(db.session.scalars(select(StoredBlob.sha256)))
        assert {p.name for p in site.uploads.glob("??/??/*")} == referenced
        assert not list((site.uploads / "tmp").glob("*"))
        _integrity(site)
        db.session.remove()
    # The next request is served: the same upload goes through.
    again = upload()
    assert again.status == 302, again.text[:500]
    with site.app.app_context():
        assert db.session.scalar(select(func.count(Resource.id))) == resources_before + 1
        assert hashlib.sha256(content).hexdigest() in set(
            db.session.scalars(select(StoredBlob.sha256))
        )
        db.session.remove()


def _worker_holding(site, client_port: int) -> int | None:
    """The worker whose socket is the server end of the connection from client_port."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == site.server.port and (
            int(remote.split(":")[1], 16) == client_port
        ):
            inode = fields[9]
    if not inode or inode == "0":
        return None
    for pid in site.server.worker_pids():
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return pid
        except OSError:
            continue
    return None


def test_a_worker_killed_while_an_upload_arrives_leaves_nothing(site):
    from cop.resources.models import Resource, StoredBlob
    from tests.quality.server import multipart

    client = _signed_in(site, 2)
    fields = form_fields(client.get("/resources/share").text, "")
    marker = f"halfsent{uuid.uuid4().hex[:10]}"
    body, content_type = multipart(
        {**fields, "title": f"Half-sent upload {marker}"},
        {"file": (f"{marker}.txt", f"{marker}\n".encode() * 40_000)},
    )
    with site.app.app_context():
        resources_before = db.session.scalar(select(func.count(Resource.id)))
        blobs_before = set(db.session.scalars(select(StoredBlob.sha256)))
        db.session.remove()
    files_before = {p.name for p in site.uploads.glob("??/??/*")}

    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    head = (
        f"POST /resources/share HTTP/1.1\r\nHost: 127.0.0.1:{site.server.port}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {cookies}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", site.server.port), timeout=20) as conn:
        conn.sendall(head + body[: len(body) // 2])  # the rest never comes
        port = conn.getsockname()[1]
        pid = wait_for(lambda: _worker_holding(site, port), timeout=20, what="the worker")
        os.kill(pid, signal.SIGKILL)
        try:
            answer = conn.recv(1024)
        except ConnectionResetError:
            answer = b""
        assert answer == b""  # the connection ends without an answer
    wait_for(
        lambda: (
            pid not in site.server.worker_pids()
            and len(site.server.worker_pids()) == site.server.workers
        ),
        timeout=20,
        what="a new worker",
    )

    with site.app.app_context():
        assert db.session.scalar(select(func.count(Resource.id))) == resources_before
        assert set(db.session.scalars(select(StoredBlob.sha256))) == blobs_before
        _integrity(site)
        db.session.remove()
    assert {p.name for p in site.uploads.glob("??/??/*")} == files_before
    assert not list((site.uploads / "tmp").glob("*"))
    assert client.get("/resources/").status == 200  # the next request is served
