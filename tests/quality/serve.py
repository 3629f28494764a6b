"""The WSGI app gunicorn serves in the quality tests (tests/quality/server.py starts it).

It is the test configuration (TESTING, fast hashing, generous rate limits) with CSRF on,
bound to the database and upload folder the test names in the environment.
"""

from __future__ import annotations

import logging
import os
import sys

from tests.conftest import build_app

logging.basicConfig(
    level=logging.INFO, stream=sys.stderr, format="%(process)d %(name)s: %(message)s"
)

app = build_app(
    os.environ["COP_QUALITY_DATABASE_URL"],
    SERVER_NAME=None,
    WTF_CSRF_ENABLED=True,
    UPLOAD_FOLDER=os.environ["COP_QUALITY_UPLOADS"],
    TEST_PAUSE_SECONDS=float(os.environ.get("COP_QUALITY_PAUSE_SECONDS", "0")),
)
