"""The library's configuration keys and their defaults, applied by the package's init_app.

Keys (config key; environment variable COP_<key>):
- UPLOAD_FOLDER: where blobs live, outside static (default instance/uploads);
- SENDFILE_HEADER: None, "X-Accel-Redirect" or "X-Sendfile" (see downloads.py);
- SENDFILE_PREFIX: the nginx internal location for X-Accel-Redirect;
- RESOURCES_PER_PAGE, RESOURCES_MAX_UNPACKED_SIZE, RESOURCES_MAX_ARCHIVE_ENTRIES,
  RESOURCES_MAX_COMPRESSION_RATIO: list size and archive checks.
The upload size limit itself is Flask's MAX_CONTENT_LENGTH (cop/config.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "UPLOAD_FOLDER": None,  # instance/uploads
    "SENDFILE_HEADER": None,  # "X-Accel-Redirect" or "X-Sendfile" in production
    "SENDFILE_PREFIX": "/protected-uploads/",
    "RESOURCES_PER_PAGE": 20,
    "RESOURCES_MAX_UNPACKED_SIZE": 200 * 1024 * 1024,
    "RESOURCES_MAX_ARCHIVE_ENTRIES": 5000,
    "RESOURCES_MAX_COMPRESSION_RATIO": 100,
}


def configure(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        # COP_UPLOAD_FOLDER in the environment arrives as UPLOAD_FOLDER; the prefixed
        # spelling is accepted too in instance/config.py or a test configuration.
        if app.config.get(key) is None and app.config.get(f"COP_{key}") is not None:
            app.config[key] = app.config[f"COP_{key}"]
        app.config.setdefault(key, value)
    if not app.config["UPLOAD_FOLDER"]:
        if app.testing:  # tests that name no folder never write into instance/
            app.config["UPLOAD_FOLDER"] = tempfile.mkdtemp(prefix="cop-uploads-")
        else:
            app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
