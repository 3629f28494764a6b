"""Optimistic concurrency for edit forms: a version number per editable row.

The edit form carries the version it was shown with (a hidden field); the save first
moves the row from that version to the next with a conditional UPDATE
(... WHERE id = :id AND version = :v). Of two saves made from the same version exactly
one matches; the other raises StaleEdit before it writes anything, and its page shows
the newer text beside the one the member typed, which stays in the form.
"""

from __future__ import annotations

import logging

from flask import abort
from sqlalchemy import Integer, update
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import ObjectDeletedError

from cop.extensions import db

logger = logging.getLogger(__name__)


class StaleEdit(Exception):
    """Someone saved this object after the form was shown."""


def version_column() -> Mapped[int]:
    return mapped_column(Integer, default=1, server_default="1")


def claim_version(obj, version: int | None) -> None:
    """Move `obj` from `version` to the next one in the database, or raise StaleEdit.

    On PostgreSQL the UPDATE also locks the row until commit: a second save waits, then
    finds the new version and matches nothing. SQLite runs one writer at a time.
    """
    model = type(obj)
    if version is None:
        raise StaleEdit
    result = db.session.execute(
        update(model)
        .where(model.id == obj.id, model.version == version)
        .values(version=model.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleEdit
    set_committed_value(obj, "version", version + 1)


def reload_after_stale(form, obj) -> bool:
    """For a view whose save raised StaleEdit: roll back, so `obj` reloads as it is now
    saved (the page shows it); the form keeps the member's text and takes the current
    version, so saving again applies their text knowingly. Returns True (a conflict)."""
    db.session.rollback()
    try:
        form.version.data = obj.version
    except ObjectDeletedError:  # deleted meanwhile (a closed account): nothing to edit
        abort(404)
    logger.info("stale edit of %r refused", obj)
    return True
