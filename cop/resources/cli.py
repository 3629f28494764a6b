"""Removing stored files that no row refers to: `flask resources prune-blobs`, and cron.

Uploads clean up after themselves when their transaction fails; this catches what a
killed process leaves behind (a blob moved into place, its rows never committed, or a
temporary file) and kept uploads whose form was never sent again. It runs on its own
every minute from `flask cop send-notifications` (cron), so a worker killed mid-upload
leaves its orphan for minutes, not hours. Blobs younger than GRACE_SECONDS are left
alone: an upload moves its blob into place only just before it commits, and re-using an
existing blob touches it (storage.put), so in-flight uploads are always young.
"""

from __future__ import annotations

import logging

import click
from sqlalchemy import select

from cop.extensions import db
from cop.resources import bp
from cop.resources.kept import KEEP_SECONDS
from cop.resources.models import StoredBlob
from cop.resources.storage import get_storage

logger = logging.getLogger(__name__)

GRACE_SECONDS = 10 * 60


def prune_blobs(*, grace_seconds: float = GRACE_SECONDS) -> tuple[int, int]:
    """(orphaned blobs removed, temporary and expired kept files removed)."""
    storage = get_storage()
    candidates = list(storage.keys_older_than(grace_seconds))
    known = set()
    for start in range(0, len(candidates), 500):
        batch = candidates[start : start + 500]
        known.update(
            db.session.scalars(select(StoredBlob.sha256).where(StoredBlob.sha256.in_(batch)))
        )
    # Checked again just before deleting: an upload may have touched it meanwhile.
    removed = sum(
        storage.delete_if_older(key, grace_seconds) for key in candidates if key not in known
    )
    temps = storage.prune_temp(grace_seconds) + storage.prune_kept(KEEP_SECONDS + 60)
    if removed or temps:
        logger.info("pruned %s orphaned blobs and %s temporary files", removed, temps)
    return removed, temps


def prune_quietly() -> None:
    """For cron commands about other things: a storage problem must not stop them."""
    try:
        prune_blobs()
    except OSError as error:
        logger.error("pruning the upload storage failed: %s", error)


@bp.cli.command("prune-blobs")
def prune_blobs_command() -> None:
    """Remove stored files that no resource file refers to."""
    blobs, temps = prune_blobs()
    click.echo(f"Removed {blobs} orphaned blobs and {temps} temporary files.")
