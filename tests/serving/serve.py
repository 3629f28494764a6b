"""The WSGI app gunicorn serves in tests/serving/test_gunicorn.py, with the repo's own
gunicorn settings (deploy/gunicorn.conf.py).

The test configuration with CSRF on, rate-limit counters in the file the test names,
and each answer signed with the worker's process id (X-Worker), so a test can tell
which worker answered.
"""

from __future__ import annotations

import os

from tests.conftest import build_app

app = build_app(
    os.environ["COP_SERVING_DATABASE_URL"],
    SERVER_NAME=None,
    WTF_CSRF_ENABLED=True,
    RATELIMIT_STORAGE_URI=os.environ["COP_SERVING_RATELIMITS"],
    RATELIMIT_SIGN_IN=os.environ["COP_SERVING_SIGN_IN_LIMIT"],
)


@app.after_request
def _sign_with_the_worker(response):
    response.headers["X-Worker"] = str(os.getpid())
    return response
