"""Removing pictures never posted: `flask pictures prune`, and the minute's cron.

`flask cop send-notifications` (cron, every minute) calls `prune_quietly`; a picture
waits a day for its post before it goes (services.ORPHAN_SECONDS).
"""

from __future__ import annotations

import logging

import click

from cop.extensions import db
from cop.pictures import bp, services
from cop.storage import StorageUnavailable

logger = logging.getLogger(__name__)


def prune_quietly() -> None:
    """For cron commands about other things: a storage problem must not stop them."""
    try:
        services.prune_orphans()
        db.session.commit()
    except (OSError, StorageUnavailable) as error:
        db.session.rollback()
        logger.error("pruning unused pictures failed: %s", error)


@bp.cli.command("prune")
def prune_command() -> None:
    """Remove pictures uploaded more than a day ago that no post uses."""
    removed = services.prune_orphans()
    db.session.commit()
    click.echo(f"Removed {removed} unused pictures.")
