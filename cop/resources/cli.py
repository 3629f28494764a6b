"""`flask resources prune-blobs`: remove stored files that no row refers to.

Uploads clean up after themselves when their transaction fails; this catches what a
killed process leaves behind (a blob moved into place, its rows never committed, or a
temporary file). Blobs younger than an hour are left alone: they may be in flight.
"""

from __future__ import annotations

import click
from flask import Blueprint
from sqlalchemy import select

from cop.extensions import db
from cop.resources.models import StoredBlob
from cop.resources.storage import get_storage

GRACE_SECONDS = 60 * 60


def prune_blobs(*, grace_seconds: float = GRACE_SECONDS) -> tuple[int, int]:
    """(orphaned blobs removed, temporary files removed)."""
    storage = get_storage()
    candidates = list(storage.keys_older_than(grace_seconds))
    known = set()
    for start in range(0, len(candidates), 500):
        batch = candidates[start : start + 500]
        known.update(
            db.session.scalars(select(StoredBlob.sha256).where(StoredBlob.sha256.in_(batch)))
        )
    orphans = [key for key in candidates if key not in known]
    for key in orphans:
        storage.delete(key)
    return len(orphans), storage.prune_temp(grace_seconds)


def register(bp: Blueprint) -> None:
    @bp.cli.command("prune-blobs")
    def prune_blobs_command() -> None:
        """Remove stored files that no resource file refers to."""
        blobs, temps = prune_blobs()
        click.echo(f"Removed {blobs} orphaned blobs and {temps} temporary files.")
