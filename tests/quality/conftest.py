"""A community served by gunicorn: a file database migrated and seeded, members to sign in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from cop.extensions import db
from tests.conftest import PASSWORD, build_app, migrate_to_head
from tests.databases import fresh_database_url
from tests.quality.server import Gunicorn

CLIENTS = 20


@dataclass
class Site:
    app: Flask  # the same database and uploads, for the test's own checks
    uploads: Path
    emails: list[str]
    thread_id: int
    server: Gunicorn | None = None


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """Demo members and discussions plus CLIENTS members, on its own database and uploads."""
    from cop.auth import services
    from cop.demo import members as demo_members
    from cop.demo import threads as demo_threads
    from cop.permissions import can_reply
    from cop.threads.models import Thread

    folder = tmp_path_factory.mktemp("quality")
    uploads = folder / "uploads"
    app = build_app(
        fresh_database_url("quality", folder), SERVER_NAME=None, UPLOAD_FOLDER=str(uploads)
    )
    migrate_to_head(app)
    with app.app_context():
        demo_members.seed_members()  # the demo's people and discussions: enough to write into
        demo_threads.seed_discussions()
        emails = []
        for n in range(CLIENTS):
            member = services.register_member(
                display_name=f"Load Member {n}",
                email=f"load{n}@example.org",
                password=PASSWORD,
                country="GR",
                locale="en",
                email_confirmed=True,  # they write at once
            )
            emails.append(member.email)
        db.session.commit()
        thread_id = next(
            t.id
            for t in db.session.scalars(db.select(Thread).order_by(Thread.id))
            if can_reply(member, t)
        )
        db.session.remove()
    site = Site(app=app, uploads=uploads, emails=emails, thread_id=thread_id)
    server = Gunicorn(
        folder / "gunicorn.log",
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
        uploads=uploads,
        workers=4,
        pause_seconds=30,
    )
    site.server = server
    try:
        yield site
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()
