"""Twenty members write at once to a gunicorn with four workers: nothing lost, nothing broken.

Each client signs in through the real form (with its CSRF token), then alternates replies
and small uploads until it has sent its share or the time is up. Every answer must be a
success (2xx/3xx) or the site's own retry page (503/429 in the layout), never a 500; and
afterwards every acknowledged post and file is in the database and on disk, exactly once,
and the database passes its integrity check.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select, text

from cop.extensions import db
from tests.conftest import PASSWORD
from tests.quality.server import Client, form_fields

pytestmark = pytest.mark.slow

REQUESTS_PER_CLIENT = 20  # alternating replies and uploads
TIME_BUDGET = 10.0  # seconds of writing; then each client stops starting new requests


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    replies: list[str] = field(default_factory=list)  # markers of acknowledged replies
    uploads: list[str] = field(default_factory=list)  # markers of acknowledged uploads
    refused: list[tuple[int, str]] = field(default_factory=list)  # unclean answers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, body: str, marker: str, into: list[str]) -> None:
        with self.lock:
            self.statuses[status] += 1
            if 200 <= status < 400:
                into.append(marker)
            elif status in (429, 503) and 'class="site-header"' in body:
                pass  # the retry page, in the site's layout: the client may try again
            else:
                self.refused.append((status, body[:300]))


def _work(site, email: str, start: threading.Barrier, tally: Tally) -> None:
    try:
        client = Client(site.server)
        client.sign_in(email, PASSWORD)
        thread_path = f"/threads/{site.thread_id}"
        reply_fields = form_fields(client.get(f"{thread_path}/reply").text, f"{thread_path}/reply")
        share_fields = form_fields(client.get("/resources/share").text, "")  # posts to itself
    except BaseException:
        start.abort()  # the others stop waiting
        raise
    start.wait(timeout=120)  # all signed in: the writing starts at once, the clock with it
    deadline = time.monotonic() + TIME_BUDGET
    for n in range(REQUESTS_PER_CLIENT):
        if n >= 2 and time.monotonic() > deadline:  # at least one reply and one upload each
            break
        marker = f"qg{uuid.uuid4().hex[:12]}"
        if n % 2 == 0:
            response = client.post_form(
                f"{thread_path}/reply",
                {**reply_fields, "body": f"Reply {marker} under load.", "client_token": marker},
            )
            tally.record(response.status, response.text, marker, tally.replies)
        else:
            response = client.post_multipart(
                "/resources/share",
                {**share_fields, "title": f"Load test resource {marker}", "description": marker},
                {"file": (f"{marker}.txt", f"Notes {marker}\n".encode() * 20)},
            )
            tally.record(response.status, response.text, marker, tally.uploads)


def test_twenty_members_post_and_upload_at_once_and_nothing_is_lost(site):
    from cop.resources.models import Resource, StoredBlob
    from cop.threads.models import Post

    with site.app.app_context():
        posts_before = db.session.scalar(select(func.count(Post.id)))
        resources_before = db.session.scalar(select(func.count(Resource.id)))
        db.session.remove()
    tally = Tally()
    start = threading.Barrier(len(site.emails))
    with ThreadPoolExecutor(max_workers=len(site.emails)) as pool:
        futures = [pool.submit(_work, site, email, start, tally) for email in site.emails]
        for future in futures:
            future.result(timeout=TIME_BUDGET + 180)

    assert not tally.refused, (tally.statuses, tally.refused[:3], site.server.log()[-3000:])
    assert "Traceback" not in site.server.log(), site.server.log()[-3000:]
    assert tally.replies and tally.uploads, tally.statuses

    with site.app.app_context():
        bodies = db.session.scalars(
            select(Post.body_source).where(Post.body_source.like("Reply qg%"))
        ).all()
        found = Counter(body.split()[1] for body in bodies)
        assert found == Counter(tally.replies)
        assert db.session.scalar(select(func.count(Post.id))) == posts_before + len(
            tally.replies
        ) + len(tally.uploads)  # each share opens a discussion
        titles = db.session.scalars(
            select(Resource.title).where(Resource.title.like("Load test resource %"))
        ).all()
        assert Counter(t.split()[-1] for t in titles) == Counter(tally.uploads)
        assert db.session.scalar(select(func.count(Resource.id))) == resources_before + len(
            tally.uploads
        )
        keys = set(db.session.scalars(select(StoredBlob.sha256)))
        on_disk = {p.name for p in site.uploads.glob("??/??/*")}
        assert keys == on_disk
        for path in site.uploads.glob("??/??/*"):  # whole files: named by their own hash
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        db.session.remove()
