"""The library's blob store: cop/storage.py's LocalStorage in UPLOAD_FOLDER.

The storage itself is core (pictures in posts use it too); this module keeps the
names the resources package and its tests import.
"""

from __future__ import annotations

from flask import current_app

from cop.storage import (  # noqa: F401  (re-exported for the resources package)
    CHUNK,
    LocalStorage,
    StagedFile,
    Storage,
    StorageUnavailable,
    TooLarge,
)


def get_storage() -> Storage:
    return LocalStorage(current_app.config["UPLOAD_FOLDER"])
