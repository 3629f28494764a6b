"""Where the files' bytes live, behind a small interface.

A blob is named by the SHA-256 of its content, never by anything a user typed, so the
same file shared twice is stored once and no name can reach outside the folder.
LocalStorage keeps blobs in a folder (config UPLOAD_FOLDER, env COP_UPLOAD_FOLDER);
pointing that folder at a shared volume lets several app servers use it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app

CHUNK = 1024 * 1024
_KEY = re.compile(r"^[0-9a-f]{64}$")


class TooLarge(Exception):
    """The stream was longer than the limit given."""


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

    def local_path(self, key: str) -> Path: ...

    def relative_path(self, key: str) -> str: ...

    def keys_older_than(self, seconds: float) -> Iterator[str]: ...

    def prune_temp(self, seconds: float) -> int: ...


class LocalStorage:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.temp_dir = self.root / "tmp"

    def relative_path(self, key: str) -> str:
        if not _KEY.match(key):
            raise ValueError("not a blob key")
        return f"{key[:2]}/{key[2:4]}/{key}"

    def local_path(self, key: str) -> Path:
        return self.root / self.relative_path(key)

    def stage(self, stream: BinaryIO, *, max_size: int | None = None) -> StagedFile:
        """Copy `stream` to a temporary file in chunks, hashing it; never all in memory."""
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        handle = tempfile.NamedTemporaryFile(dir=self.temp_dir, prefix="upload-", delete=False)  # noqa: SIM115
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
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedFile(temp_path=path, sha256=digest.hexdigest(), size=size)

    def put(self, staged: StagedFile) -> bool:
        """Move the staged file into place; True if it is new, False if it was there."""
        target = self.local_path(staged.sha256)
        if target.exists():
            staged.discard()
            staged.created_blob = False
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged.temp_path, target)  # atomic within one filesystem
        staged.created_blob = True
        return True

    def exists(self, key: str) -> bool:
        return self.local_path(key).is_file()

    def keys_older_than(self, seconds: float) -> Iterator[str]:
        """Keys of blobs written more than `seconds` ago (young ones may be in flight)."""
        limit = time.time() - seconds
        for path in self.root.glob("??/??/*"):
            if _KEY.match(path.name) and path.stat().st_mtime < limit:
                yield path.name

    def prune_temp(self, seconds: float) -> int:
        """Remove temporary files that an interrupted upload left behind."""
        limit = time.time() - seconds
        removed = 0
        for path in self.temp_dir.glob("upload-*"):
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def delete(self, key: str) -> None:
        self.local_path(key).unlink(missing_ok=True)


def get_storage() -> Storage:
    return LocalStorage(current_app.config["UPLOAD_FOLDER"])
