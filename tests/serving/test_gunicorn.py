"""gunicorn as `make run` starts it (deploy/gunicorn.conf.py): several workers share
one set of rate-limit counters, and a slow client holds a thread, not the server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cop.ratelimits import storage_uri
from tests.conftest import build_app, migrate_to_head
from tests.databases import fresh_database_url
from tests.quality.server import Client, form_fields, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
SIGN_IN_LIMIT = 3


class Server:
    """gunicorn -c deploy/gunicorn.conf.py on 127.0.0.1, a port chosen by the kernel."""

    def __init__(self, folder: Path, database_url: str, *, workers: int, threads: int) -> None:
        self.log_path = folder / f"gunicorn-{workers}x{threads}.log"
        env = {
            **os.environ,
            "COP_SERVING_DATABASE_URL": database_url,
            "COP_SERVING_RATELIMITS": storage_uri(str(folder / "ratelimits.sqlite3")),
            "COP_SERVING_SIGN_IN_LIMIT": f"{SIGN_IN_LIMIT} per minute",
            "WORKERS": str(workers),
            "THREADS": str(threads),
            "GUNICORN_LOG_LEVEL": "info",  # for the "Listening at" line
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DATABASE_URL", None)
        env.pop("RUN_BANNER", None)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    *("--config", "deploy/gunicorn.conf.py", "--bind", "127.0.0.1:0"),
                    "tests.serving.serve:app",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.host = "127.0.0.1"
        try:
            self.port = int(wait_for(self._port, timeout=60, what="gunicorn to listen"))
            wait_for(lambda: self._workers() == workers, timeout=60, what="the workers")
            wait_for(self._answers, timeout=60, what="the first page", step=0.1)
        except BaseException:
            self.stop()
            raise

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _port(self) -> str | None:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
        for line in self.log().splitlines():
            if "Listening at: http://127.0.0.1:" in line:
                return line.rsplit(":", 1)[1].split()[0]
        return None

    def _workers(self) -> int:
        pid = self.process.pid
        try:
            return len(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        except FileNotFoundError:
            return 0

    def _answers(self) -> bool:
        try:
            return Client(self, timeout=10).get("/").status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def served_database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serving")
    app = build_app(fresh_database_url("serving", folder))
    migrate_to_head(app)
    yield app.config["SQLALCHEMY_DATABASE_URI"]
    from cop.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def serve(served_database, tmp_path):
    database_url = served_database
    servers: list[Server] = []

    def start(*, workers: int, threads: int) -> Server:
        servers.append(Server(tmp_path, database_url, workers=workers, threads=threads))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_four_workers_let_the_configured_number_of_sign_ins_through_and_no_more(serve):
    server = serve(workers=4, threads=2)
    client = Client(server, timeout=30)
    fields = form_fields(client.get("/auth/sign-in").text, "")  # the form posts to itself
    guess = {**fields, "email": "someone@example.org", "password": "a wrong guess"}
    answers: list[tuple[int, str]] = []
    # Until refusals have come from two workers (bounded): whichever worker answers,
    # the count is the same. With counters kept per worker, any second worker's first
    # answer would let one more through.
    while len(answers) < 200:
        response = client.post_form("/auth/sign-in", guess)
        answers.append((response.status, response.headers["X-Worker"]))
        if len({worker for status, worker in answers if status == 429}) >= 2:
            break
    statuses = [status for status, _ in answers]
    assert len({worker for _, worker in answers}) >= 2, "one worker answered everything"
    assert 429 not in statuses[:SIGN_IN_LIMIT], statuses
    assert set(statuses[SIGN_IN_LIMIT:]) == {429}, statuses


def test_a_client_trickling_a_body_does_not_stop_another_page_being_served(serve):
    server = serve(workers=1, threads=4)  # one worker: a sync one would be held
    with socket.create_connection((server.host, server.port), timeout=30) as slow:
        body = b"email=slow%40example.org&password=" + b"x" * 2000
        slow.sendall(
            b"POST /auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body[:100]
        )
        # The worker is reading the slow body in one of its threads; another visitor:
        page = Client(server, timeout=20).get("/auth/sign-in")
        assert page.status == 200 and "site-header" in page.text
        slow.sendall(body[100:])  # the slow client finishes, and gets its answer too
        answer = slow.recv(100)
    assert answer.startswith(b"HTTP/1.1 400"), answer  # no CSRF token: refused, not lost
