"""In-process measures (SQL queries, page weight) and HTTP ones (sign-in, posting replies)."""

from __future__ import annotations

import gzip
import http.client
import re
import statistics
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field

import brotli
from flask import Flask
from sqlalchemy import event

from cop.extensions import db

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_CLIENT_TOKEN = re.compile(r'name="client_token"[^>]*value="([^"]+)"')
_STYLES = re.compile(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"')
_SCRIPTS = re.compile(r'<script[^>]+src="([^"]+)"')


@dataclass
class Weight:
    html_sent: int  # bytes transferred, as the app compresses them for a browser
    total_sent: int
    assets: list[str]
    asset_cache: set[str]
    web_fonts: int = 0  # @font-face rules in the stylesheets
    images: int = 0  # <img> elements (avatars: decorative, lazy)
    encodings: set[str] = field(default_factory=set)  # Content-Encoding of each answer


# What a browser says it accepts: the bytes measured are the bytes it would receive.
BROWSER_ENCODINGS = "gzip, deflate, br"


def sent_and_read(response) -> tuple[int, bytes]:
    """(bytes transferred, the body as the browser reads it once decoded)."""
    sent = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return len(sent), brotli.decompress(sent)
    if encoding == "gzip":
        return len(sent), gzip.decompress(sent)
    return len(sent), sent


@contextmanager
def counting(app: Flask):
    """with counting(app) as statements: ...; len(statements) is the SQL run inside."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def sign_in_client(client, email: str, password: str) -> None:
    """Sign a Flask test client in through the real form, CSRF token included."""
    page = client.get("/auth/sign-in").get_data(as_text=True)
    token = _CSRF.search(page).group(1)
    response = client.post(
        "/auth/sign-in", data={"csrf_token": token, "email": email, "password": password}
    )
    if response.status_code != 302:
        raise RuntimeError(f"bench sign-in failed in process: {response.status_code}")


def queries_per_page(app: Flask, client, path: str) -> tuple[int, int]:
    """(served, rendered): the statements of a request as the load sees it (caches warm),
    and of the same request rendered from scratch (the app's cache emptied first)."""
    client.get(path)  # warm caches (templates, fingerprints, fragments) first
    with counting(app) as served:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    _empty_cache(app)
    with counting(app) as rendered:
        client.get(path)
    return len(served), len(rendered)


def rendered_cpu_ms(app: Flask, client, path: str, repeat: int = 5) -> float:
    """CPU of a first view in process: the page rendered with the cache emptied (best
    of `repeat`), what a page costs before the fragments and regions are warm."""
    best = float("inf")
    for _ in range(repeat):
        _empty_cache(app)
        start = time.process_time()
        client.get(path)
        best = min(best, time.process_time() - start)
    return best * 1000


def _empty_cache(app: Flask) -> None:
    cache = app.extensions.get("cache")
    if cache:  # cop.fragments (Flask-Caching): fragments and visitors' pages
        with app.app_context():
            for backend in cache.values():
                backend.clear()


def page_weight(client, path: str) -> Weight:
    """A first visit's bytes: the page, then each stylesheet and script it loads."""
    headers = {"Accept-Encoding": BROWSER_ENCODINGS}
    response = client.get(path, headers=headers)
    html_sent, html = sent_and_read(response)
    encodings = {response.headers.get("Content-Encoding", "identity")}
    text = html.decode()
    assets = _STYLES.findall(text) + _SCRIPTS.findall(text)
    total = html_sent
    cache = set()
    fonts = 0
    for url in assets:
        response = client.get(url.replace("&amp;", "&"), headers=headers)
        sent, data = sent_and_read(response)
        total += sent
        encodings.add(response.headers.get("Content-Encoding", "identity"))
        fonts += data.count(b"@font-face")
        cache.add(response.headers.get("Cache-Control", "(none)"))
        response.close()
    return Weight(html_sent, total, assets, cache, fonts, text.count("<img"), encodings)


# Over HTTP, against the gunicorn server


class HttpSession:
    """A keep-alive-less browser: cookies kept, redirects not followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data.decode("utf-8", "replace"), elapsed

    def sign_in(self, email: str, password: str) -> None:
        _, page, _ = self.request("GET", "/auth/sign-in")
        token = _CSRF.search(page).group(1)
        status, _, _ = self.request(
            "POST", "/auth/sign-in", {"csrf_token": token, "email": email, "password": password}
        )
        if status != 302:
            raise RuntimeError(f"bench sign-in failed over HTTP: {status}")
        # Follow the redirect as a browser does: the first page signed in puts the CSRF
        # token in the session. Without it, every measured request (wrk replays this one
        # cookie) made a new token and a new session cookie, which no reader pays twice.
        self.request("GET", "/")

    def post_replies(self, thread_id: int, count: int, body: str) -> list[float]:
        """Server time of each reply POST (form fetched first, not timed), in ms."""
        times = []
        for n in range(count):
            _, form, _ = self.request("GET", f"/threads/{thread_id}/reply")
            fields = {
                "csrf_token": _CSRF.search(form).group(1),
                "client_token": _CLIENT_TOKEN.search(form).group(1),
                "body": f"{body} ({n + 1})",
                "language": "en",
            }
            status, _, elapsed = self.request("POST", f"/threads/{thread_id}/reply", fields)
            if status != 302:
                raise RuntimeError(f"reply answered {status}")
            times.append(elapsed * 1000)
        return times


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
