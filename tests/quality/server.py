"""A real gunicorn serving the app, and a small HTTP client that signs in like a browser.

Everything here is bounded: every wait polls with a deadline, every socket has a timeout,
and Gunicorn.stop() kills the whole process group (called from fixture teardown).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, step: float = 0.05):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(step)


class Gunicorn:
    """gunicorn --workers N on 127.0.0.1, a free port chosen by the kernel."""

    def __init__(
        self,
        log_path: Path,
        *,
        database_url: str,
        uploads: Path,
        workers: int = 4,
        pause_seconds: float = 0,
    ) -> None:
        self.log_path = log_path
        self.log_file = log_path.open("wb")
        env = {
            **os.environ,
            "COP_QUALITY_DATABASE_URL": database_url,
            "COP_QUALITY_UPLOADS": str(uploads),
            "COP_QUALITY_PAUSE_SECONDS": str(pause_seconds),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DATABASE_URL", None)  # the app reads only the URL it is given
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                "127.0.0.1:0",
                "--timeout",
                "60",
                "--graceful-timeout",
                "3",
                "--chdir",
                str(ROOT),
                "tests.quality.serve:app",
            ],
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers = workers
        self.last_answer: object = None
        try:
            self.port = int(wait_for(self._port, timeout=60, what="gunicorn to listen"))
            self.host = "127.0.0.1"
            wait_for(lambda: len(self.worker_pids()) == workers, timeout=60, what="workers")
            wait_for(self._answers, timeout=60, what="the first page", step=0.1)
        except TimeoutError as error:
            log = self.log()[-4000:]
            self.stop()
            raise TimeoutError(f"{error}; last answer: {self.last_answer}\n{log}") from error
        except BaseException:
            self.stop()
            raise

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _port(self) -> str | None:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
        match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", self.log())
        return match.group(1) if match else None

    def _answers(self) -> bool:
        try:
            response = Client(self, timeout=10).get("/")
        except OSError as error:
            self.last_answer = error
            return False
        self.last_answer = (response.status, response.text[-2000:])
        return response.status == 200

    def worker_pids(self) -> set[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            return set()
        return {int(c) for c in children}

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
        self.log_file.close()


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("Location", "")).path


class FormParser(HTMLParser):
    """The fields of one form (found by its action): inputs, selects' options, textareas."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = urlsplit(a.get("action") or "").path == self.action
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            self.fields.setdefault(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a.get("name")
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(a.get("value") or "")
        elif tag == "textarea" and a.get("name"):
            self.fields.setdefault(a["name"], "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None


def form_fields(html: str, action: str) -> dict[str, str]:
    """The form's fields as a browser would send them untouched (selects: first real choice);
    action "" finds a form that posts to its own page."""
    parser = FormParser(action)
    parser.feed(html)
    assert parser.fields or parser.options, f"no form posting to {action!r}"
    chosen = {name: next((v for v in values if v), "") for name, values in parser.options.items()}
    return {**parser.fields, **chosen}


class Client:
    """One visitor: its own connection and cookies, like a browser tab."""

    def __init__(self, server: Gunicorn, *, timeout: float = 30) -> None:
        self.server = server
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=self.timeout)
        try:
            all_headers = {"Accept-Language": "en", **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=all_headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response

    def get(self, path: str, *, follow: bool = True) -> Response:
        """GET, following redirects within the site (a thread sends a member to the
        page they stopped reading at)."""
        response = self.request("GET", path)
        for _ in range(5):
            if not (follow and response.status in (301, 302, 303) and response.location):
                break
            location = urlsplit(response.headers["Location"])
            target = location.path + (f"?{location.query}" if location.query else "")
            response = self.request("GET", target)
        return response

    def post_form(self, path: str, fields: dict[str, str], **kwargs) -> Response:
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **kwargs.pop("headers", {})}
        return self.request("POST", path, body, headers)

    def post_multipart(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]], **kwargs
    ) -> Response:
        body, content_type = multipart(fields, files)
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        return self.request("POST", path, body, headers)

    def sign_in(self, email: str, password: str) -> None:
        fields = form_fields(self.get("/auth/sign-in").text, "")  # posts to itself
        response = self.post_form("/auth/sign-in", {**fields, "email": email, "password": password})
        assert response.status == 302 and "/auth/sign-in" not in response.location, (
            response.status,
            response.text[:500],
        )


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
