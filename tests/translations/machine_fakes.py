"""Small local HTTP servers that speak LibreTranslate's and DeepL's documented APIs, and
misbehave on demand: a server error, a timeout, garbage, HTML, 10 MB, the wrong shape.

The fake engine "translates" by writing every word outside tags in capitals and
prefixing the target language, so a test can tell translated words from kept ones.
A test module takes the fixtures by name: `fake_provider = machine_fakes.fake_provider`
(with `_fake_server`, the session's server, and `machine_on`, the app configured).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TAG = re.compile(r"(<[^<>]*>)")
HUGE = 10 * 1024 * 1024


def fake_translate(text: str, target: str) -> str:
    """Capitals outside tags (placeholders stay as they are), the target in front."""
    parts = TAG.split(text)
    return f"[{target}] " + "".join(p if p.startswith("<") else p.upper() for p in parts)


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.reset()

    def reset(self) -> None:
        self.mode = "ok"
        self.api_key = ""  # LibreTranslate: required when set
        self.requests: list[tuple[str, dict, dict]] = []  # (path, headers, body)
        self.delay = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address) -> None:  # a client that gave up
        pass


class Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes, content_type: str = "application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value) -> None:
        self._answer(status, json.dumps(value).encode())

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers), {}))
        if self.path == "/languages":
            codes = ["en", "es", "pt", "el", "ar", "fr"]
            self._json(200, [{"code": c, "name": c, "targets": codes} for c in codes])
        elif self.path.startswith("/v2/languages"):
            self._json(200, [{"language": c, "name": c} for c in ("EN-GB", "EL", "AR")])
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        self.server.requests.append((self.path, dict(self.headers), body))
        if self._misbehaves():
            return
        if self.path == "/translate":
            self._libretranslate(body)
        elif self.path == "/v2/translate":
            self._deepl(body)
        else:
            self._json(404, {"error": "not found"})

    def _misbehaves(self) -> bool:
        mode = self.server.mode
        if mode == "slow":
            time.sleep(self.server.delay or 3)
            return self._answer(200, b'{"translatedText": []}') or True
        if mode == "fail":
            return self._json(500, {"error": "internal error"}) or True
        if mode == "busy":
            return self._json(429, {"error": "Too many requests"}) or True
        if mode == "html":
            return self._answer(200, b"<!doctype html><title>Login</title>", "text/html") or True
        if mode == "garbage":
            return self._answer(200, b"\x00{not json at all") or True
        if mode == "huge":
            return self._answer(200, b"[" + b"1," * (HUGE // 2) + b"1]") or True
        if mode == "truncated":  # promises more than it sends, then hangs up
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"translatedText": [')
            self.close_connection = True
            return True
        if mode == "deep":
            return self._answer(200, b"[" * 200_000 + b"]" * 200_000) or True
        if mode == "shape":
            return self._json(200, {"translatedText": "one string", "translations": {}}) or True
        if mode == "unsupported":
            return self._json(400, {"error": "ar is not supported"}) or True
        return False

    def _libretranslate(self, body: dict) -> None:
        if self.server.api_key and body.get("api_key") != self.server.api_key:
            return self._json(403, {"error": "Invalid API key"})
        q, target = body.get("q"), body.get("target", "")
        if body.get("format") not in ("text", "html") or not target:
            return self._json(400, {"error": "Invalid request"})
        if isinstance(q, list):
            texts = [fake_translate(text, target) for text in q]
            if self.server.mode == "drop":  # an engine that loses the placeholders
                texts = [re.sub(r"<span[^>]*>.*?</span>", "", text) for text in texts]
            return self._json(200, {"translatedText": texts})
        return self._json(200, {"translatedText": fake_translate(str(q), target)})

    def _deepl(self, body: dict) -> None:
        if not self.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
            return self._json(403, {"message": "Forbidden"})
        if self.server.mode == "quota":
            return self._json(456, {"message": "Quota exceeded"})
        target = body.get("target_lang", "")
        translations = [
            {
                "detected_source_language": body.get("source_lang", "EN"),
                "text": fake_translate(t, target),
            }
            for t in body.get("text", [])
        ]
        return self._json(200, {"translations": translations})


@pytest.fixture(scope="session")
def _fake_server():
    server = FakeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake_provider(_fake_server):
    """The local fake: `.url`, `.mode`, `.requests` (each test starts from "ok")."""
    _fake_server.reset()
    yield _fake_server
    _fake_server.reset()


@pytest.fixture
def machine_on(app, monkeypatch, fake_provider):
    """The app configured with the fake LibreTranslate server; returns the server."""
    from cop.extensions import limiter

    limiter.reset()  # each test counts its own requests
    monkeypatch.setitem(app.config, "MT_PROVIDER", "libretranslate")
    monkeypatch.setitem(app.config, "MT_URL", fake_provider.url)
    monkeypatch.setitem(app.config, "MT_API_KEY", "")
    monkeypatch.setitem(app.config, "MT_TIMEOUT", 2)
    return fake_provider
