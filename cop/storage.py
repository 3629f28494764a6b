"""Where uploaded files' bytes live, behind a small interface (resources and pictures).

A blob is named by the SHA-256 of its content, never by anything a user typed, so the
same file shared twice is stored once and no name can reach outside the folder.
LocalStorage keeps blobs in a folder (config UPLOAD_FOLDER, env COP_UPLOAD_FOLDER);
pointing that folder at a shared volume lets several app servers use it.

Writes go to a temporary file first and are moved into place whole, so a full disk or a
read-only folder never leaves half a blob: it raises StorageUnavailable (logged once for
the admin) after removing what it had written. Accepted uploads of a form that failed
for another reason wait in kept/ under a random id (cop/resources/kept.py).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
_KEY = re.compile(r"^[0-9a-f]{64}$")
_KEPT_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class TooLarge(Exception):
    """The stream was longer than the limit given."""


class StorageUnavailable(Exception):
    """The folder cannot take the file (read-only, full, gone): nothing was left behind."""


def _unavailable(root: Path, action: str, error: OSError) -> StorageUnavailable:
    # One line for the admin, without a traceback: the cause is the disk, not the code.
    reason = errno.errorcode.get(error.errno or 0, "") or type(error).__name__
    logger.error("upload storage %s unavailable while %s: %s (%s)", root, action, reason, error)
    return StorageUnavailable(f"{action}: {error}")


@dataclass
class StagedFile:
    """Bytes received and hashed, waiting in the storage's own temporary folder."""

    temp_path: Path
    sha256: str
    size: int
    # Set by Storage.put: whether this upload created the blob (so a failure may delete it).
    created_blob: bool = field(default=False)

    def discard(self) -> None:
        self.temp_path.unlink(missing_ok=True)


class Storage(Protocol):
    def stage(self, stream: BinaryIO, *, max_size: int | None = None) -> StagedFile: ...

    def put(self, staged: StagedFile) -> bool: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    def delete_if_older(self, key: str, seconds: float) -> bool: ...

    def local_path(self, key: str) -> Path: ...

    def relative_path(self, key: str) -> str: ...

    def keys_older_than(self, seconds: float) -> Iterator[str]: ...

    def prune_temp(self, seconds: float) -> int: ...

    def keep(self, staged: StagedFile) -> str: ...

    def kept(self, kept_id: str, *, sha256: str, size: int) -> StagedFile | None: ...

    def prune_kept(self, seconds: float) -> int: ...


class LocalStorage:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.temp_dir = self.root / "tmp"
        self.kept_dir = self.root / "kept"

    def relative_path(self, key: str) -> str:
        if not _KEY.match(key):
            raise ValueError("not a blob key")
        return f"{key[:2]}/{key[2:4]}/{key}"

    def local_path(self, key: str) -> Path:
        return self.root / self.relative_path(key)

    def _open_temp(self):
        """A new temporary file next to the blobs (same filesystem: the move is atomic)."""
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        return tempfile.NamedTemporaryFile(dir=self.temp_dir, prefix="upload-", delete=False)

    def stage(self, stream: BinaryIO, *, max_size: int | None = None) -> StagedFile:
        """Copy `stream` to a temporary file in chunks, hashing it; never all in memory."""
        digest = hashlib.sha256()
        size = 0
        try:
            handle = self._open_temp()
        except OSError as error:
            raise _unavailable(self.root, "creating a temporary file", error) from error
        path = Path(handle.name)
        # mkstemp makes it 0600; nginx (another user) reads blobs for X-Accel-Redirect.
        os.fchmod(handle.fileno(), 0o644)
        try:
            with handle:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if max_size is not None and size > max_size:
                        raise TooLarge
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())  # a full disk shows here, not after the commit
        except OSError as error:
            path.unlink(missing_ok=True)
            raise _unavailable(self.root, "writing an upload", error) from error
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedFile(temp_path=path, sha256=digest.hexdigest(), size=size)

    def put(self, staged: StagedFile) -> bool:
        """Move the staged file into place; True if it is new, False if it was there."""
        target = self.local_path(staged.sha256)
        try:
            # Touching an existing blob both tells that it exists and makes it young, so
            # a prune that finds it unreferenced leaves it alone until this row commits.
            os.utime(target)
        except FileNotFoundError:
            pass
        except OSError as error:
            staged.discard()
            raise _unavailable(self.root, "storing an upload", error) from error
        else:
            staged.discard()
            staged.created_blob = False
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged.temp_path, target)  # atomic within one filesystem
            # Young from now: the move keeps the time of the last write, which for a
            # kept upload may be most of an hour ago, and the prune spares only the young.
            os.utime(target)
        except OSError as error:
            staged.discard()
            raise _unavailable(self.root, "storing an upload", error) from error
        staged.created_blob = True
        return True

    def exists(self, key: str) -> bool:
        return self.local_path(key).is_file()

    def keys_older_than(self, seconds: float) -> Iterator[str]:
        """Keys of blobs written more than `seconds` ago (young ones may be in flight)."""
        limit = time.time() - seconds
        for path in self.root.glob("??/??/*"):
            try:
                if _KEY.match(path.name) and path.stat().st_mtime < limit:
                    yield path.name
            except FileNotFoundError:  # removed meanwhile by a failed upload's cleanup
                continue

    def prune_temp(self, seconds: float) -> int:
        """Remove temporary files that an interrupted upload left behind."""
        return _remove_older(self.temp_dir.glob("upload-*"), seconds)

    def keep(self, staged: StagedFile) -> str:
        """Move a staged upload to kept/ for a later submission of its form; its id."""
        if staged.temp_path.parent == self.kept_dir:  # kept already: keep it longer
            try:
                os.utime(staged.temp_path)
            except OSError as error:
                raise _unavailable(self.root, "keeping an upload", error) from error
            return staged.temp_path.name
        kept_id = secrets.token_urlsafe(24)
        try:
            self.kept_dir.mkdir(parents=True, exist_ok=True)
            os.replace(staged.temp_path, self.kept_dir / kept_id)
        except OSError as error:
            staged.discard()
            raise _unavailable(self.root, "keeping an upload", error) from error
        staged.temp_path = self.kept_dir / kept_id
        return kept_id

    def kept(self, kept_id: str, *, sha256: str, size: int) -> StagedFile | None:
        """The kept upload `kept_id` as a staged file, or None if it is gone."""
        if not _KEPT_ID.match(kept_id):
            return None
        path = self.kept_dir / kept_id
        if not path.is_file():
            return None
        return StagedFile(temp_path=path, sha256=sha256, size=size)

    def prune_kept(self, seconds: float) -> int:
        """Remove kept uploads whose form was never sent again."""
        return _remove_older(self.kept_dir.glob("*"), seconds)

    def delete(self, key: str) -> None:
        self.local_path(key).unlink(missing_ok=True)

    def delete_if_older(self, key: str, seconds: float) -> bool:
        """Delete the blob unless it was written or touched in the last `seconds`."""
        path = self.local_path(key)
        try:
            if path.stat().st_mtime >= time.time() - seconds:
                return False
            path.unlink()
        except FileNotFoundError:
            return False
        return True


def _remove_older(paths: Iterator[Path], seconds: float) -> int:
    limit = time.time() - seconds
    removed = 0
    for path in paths:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
