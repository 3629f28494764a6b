"""gunicorn's settings for cop: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

`make run` (scripts/run.sh) serves with it; so can a deployment, behind nginx
(docs/deployment.md). HOST, PORT, WORKERS and THREADS change where and how.

Why threads (gthread): members upload and download over slow mobile links. A sync
worker is held by one client for the whole transfer and killed after `timeout`
seconds, which cuts a 40 MB download read at 1 MB/s. A gthread worker gives each
connection a thread; its main loop keeps answering the master's heartbeat, so a
long transfer is never cut, and a slow client holds one thread, not a worker.
In production nginx buffers whole requests and responses in front (request
buffering, X-Accel-Redirect for downloads), so the threads are rarely waiting at all.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "8"))
# With gthread this bounds a stuck worker (its main loop), not a slow request.
timeout = 30
graceful_timeout = 30
keepalive = 5  # seconds an idle keep-alive connection may wait for its next request
# The workers' heartbeat files in memory: a slow or full disk never looks like a hang
# (gunicorn makes them with mkstemp, so a shared folder is safe).
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

accesslog = "-"
errorlog = "-"
# gunicorn's own start-up chatter (booting worker ...) only when asked.
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
control_socket_disable = True  # no ~/.gunicorn control socket for `make run`


def when_ready(server):
    """Print scripts/run.sh's banner once every socket listens: the last word."""
    banner = os.environ.get("RUN_BANNER")
    if banner:
        print(banner, flush=True)
