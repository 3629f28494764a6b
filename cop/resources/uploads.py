"""Receiving an uploaded file: stage it, judge its bytes, clean its name, or refuse it.

The steps around the database transaction live here too, so that a failure after the
blob was written removes it again when no row refers to it: file and rows land together
or not at all.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from cop import sitesettings
from cop.extensions import db
from cop.resources import filetypes
from cop.resources.filetypes import FileKind, RefusedFile
from cop.resources.models import StoredBlob
from cop.resources.storage import StagedFile, TooLarge, get_storage

logger = logging.getLogger(__name__)

MAX_NAME_LENGTH = 200
# Controls, and the invisible direction marks that make "gpj.exe" read as "exe.jpg".
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')


@dataclass
class Upload:
    staged: StagedFile
    kind: FileKind
    name: str  # cleaned, with an extension that matches the content


def clean_filename(raw: str | None) -> str:
    """A display name from whatever the browser sent: never a path, never invisible tricks."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE_CHARS.sub("", name)
    name = _WINDOWS_RESERVED.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        extension = filetypes.extension_of(name)
        name = name[: MAX_NAME_LENGTH - len(extension)].rstrip(" .") + extension
    return name or "file"


def _limits() -> filetypes.Limits:
    config = current_app.config
    return filetypes.Limits(
        max_unpacked_size=config["RESOURCES_MAX_UNPACKED_SIZE"],
        max_entries=config["RESOURCES_MAX_ARCHIVE_ENTRIES"],
        max_ratio=config["RESOURCES_MAX_COMPRESSION_RATIO"],
    )


def receive(file: FileStorage) -> Upload:
    """Stage and check an uploaded file; RefusedFile (with a message for the sharer) if bad."""
    storage = get_storage()
    name = clean_filename(file.filename)
    try:
        staged = storage.stage(file.stream, max_size=sitesettings.upload_limit())
    except TooLarge as error:
        raise RefusedFile(_l("The file is larger than this site accepts.")) from error
    try:
        kind = filetypes.sniff(staged.temp_path, name=name, limits=_limits())
        name = filetypes.check_name_matches(kind, name)
    except RefusedFile as error:
        staged.discard()
        logger.info("upload refused: %s", error)
        raise
    return Upload(staged=staged, kind=kind, name=name)


def forget(upload: Upload | None) -> None:
    """After a failed transaction: remove the temporary file, and the blob if it is orphaned."""
    if upload is None:
        return
    staged = upload.staged
    staged.discard()
    if not staged.created_blob:
        return
    referenced = db.session.scalar(select(StoredBlob.id).where(StoredBlob.sha256 == staged.sha256))
    if referenced is None:
        try:
            get_storage().delete(staged.sha256)
        except OSError as error:  # a read-only folder: the prune removes it later
            logger.warning("blob %s of a failed upload not removed: %s", staged.sha256, error)
            return
        logger.info("removed blob %s left by a failed upload", staged.sha256)


@contextmanager
def landing_together(upload: Upload | None) -> Iterator[None]:
    """Commit the rows that refer to `upload`, or roll back and leave no orphan file."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        forget(upload)
        raise
    finally:
        if upload is not None:
            upload.staged.discard()
