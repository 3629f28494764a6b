"""Machine translation providers: a LibreTranslate server or DeepL's API, over HTTP with
the standard library, chosen by the site's configuration.

Nothing is sent anywhere unless an admin sets COP_MT_PROVIDER ("libretranslate" or
"deepl"); then COP_MT_URL (the server, or DeepL's free or pro address), COP_MT_API_KEY
(optional for LibreTranslate) and COP_MT_TIMEOUT (seconds, short). Each provider's
`translate(texts, source, target)` sends HTML fragments (format "html", tag handling
"html": the placeholders of cop/translations/machine_markdown.py are elements the
engines leave alone) and returns one translated text per text sent, or raises
MachineTranslationError with a reason the reader is told in their language.

A provider's answer is read at most MT_MAX_RESPONSE_BYTES long, must be JSON and must
have the documented shape; anything else is an error, never a half-stored row.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# Why a translation failed, each with its own message for the reader (machine_views).
TIMEOUT = "timeout"
UNREACHABLE = "unreachable"
REFUSED = "refused"  # an HTTP error: a wrong key, a quota, a server error
BUSY = "busy"  # the provider's own rate limit (HTTP 429, DeepL's 456 quota)
GARBLED = "garbled"  # not JSON, HTML, too long, the wrong shape
UNSUPPORTED = "unsupported"  # a language the provider does not translate
REASONS = (TIMEOUT, UNREACHABLE, REFUSED, BUSY, GARBLED, UNSUPPORTED)

READ_CHUNK = 64 * 1024


class MachineTranslationError(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class Provider(Protocol):
    name: str  # shown to readers: "Machine translation by <name>"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


@dataclass(frozen=True)
class HttpSettings:
    url: str
    api_key: str
    timeout: float
    max_bytes: int


def post_json(settings: HttpSettings, path: str, body: Mapping[str, Any], headers=None) -> Any:
    """POST `body` as JSON, return the decoded JSON answer, or raise with a reason."""
    data = json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310  (http(s) only: configured_provider)
        settings.url.rstrip("/") + path,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            **(headers or {}),
        },
    )
    return _exchange(settings, request)


def get_json(settings: HttpSettings, path: str, headers=None) -> Any:
    request = urllib.request.Request(  # noqa: S310  (http(s) only: configured_provider)
        settings.url.rstrip("/") + path,
        headers={"Accept": "application/json", **(headers or {})},
    )
    return _exchange(settings, request)


def _exchange(settings: HttpSettings, request: urllib.request.Request) -> Any:
    deadline = time.monotonic() + settings.timeout
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:  # noqa: S310
            content_type = response.headers.get("Content-Type", "")
            raw = _read_bounded(response, settings.max_bytes, deadline)
    except urllib.error.HTTPError as error:
        error.close()
        reason = BUSY if error.code in (429, 456) else REFUSED
        if error.code == 400:
            reason = UNSUPPORTED  # both APIs answer 400 to a language they lack
        raise MachineTranslationError(reason, f"HTTP {error.code}") from None
    except TimeoutError as error:
        raise MachineTranslationError(TIMEOUT, str(error)) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise MachineTranslationError(TIMEOUT, str(error.reason)) from None
        raise MachineTranslationError(UNREACHABLE, str(error.reason)) from None
    except (OSError, ValueError) as error:  # a reset connection, a malformed URL
        raise MachineTranslationError(UNREACHABLE, str(error)) from None
    except http.client.HTTPException as error:  # not HTTP, a body cut short
        raise MachineTranslationError(GARBLED, repr(error)[:200]) from None
    if "json" not in content_type.lower():
        raise MachineTranslationError(GARBLED, f"content type {content_type[:80]!r}")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # "[[[[…" a million deep
        raise MachineTranslationError(GARBLED, "not JSON") from None


def _read_bounded(response: Any, max_bytes: int, deadline: float) -> bytes:
    """At most `max_bytes` of the body, within the deadline: a 10 MB answer or a server
    dripping bytes is an error, not a memory or a worker held."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise MachineTranslationError(TIMEOUT, "answer too slow")
        chunk = response.read(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise MachineTranslationError(GARBLED, f"answer over {max_bytes} bytes")
        chunks.append(chunk)


def _texts_of(answer: list, count: int) -> list[str]:
    if len(answer) != count or not all(isinstance(text, str) for text in answer):
        raise MachineTranslationError(GARBLED, "wrong shape")
    return answer


class LibreTranslate:
    """A LibreTranslate server: POST /translate {q, source, target, format, api_key}."""

    name = "LibreTranslate"
    # The site's languages as LibreTranslate names them.
    CODES = {"en": "en", "es": "es", "pt": "pt", "el": "el", "ar": "ar", "fr": "fr"}

    def __init__(self, settings: HttpSettings) -> None:
        self.settings = settings

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if source not in self.CODES or target not in self.CODES:
            raise MachineTranslationError(UNSUPPORTED, f"{source}->{target}")
        body = {
            "q": list(texts),
            "source": self.CODES[source],
            "target": self.CODES[target],
            "format": "html",
        }
        if self.settings.api_key:
            body["api_key"] = self.settings.api_key
        answer = post_json(self.settings, "/translate", body)
        if not isinstance(answer, dict) or not isinstance(answer.get("translatedText"), list):
            raise MachineTranslationError(GARBLED, "wrong shape")
        return _texts_of(answer["translatedText"], len(texts))

    def languages(self) -> list[str]:
        """The codes the server translates (GET /languages)."""
        answer = get_json(self.settings, "/languages")
        if not isinstance(answer, list):
            raise MachineTranslationError(GARBLED, "wrong shape")
        return [item["code"] for item in answer if isinstance(item, dict) and "code" in item]


class DeepL:
    """DeepL's API: POST /v2/translate with `Authorization: DeepL-Auth-Key <key>`."""

    name = "DeepL"
    SOURCE = {"en": "EN", "es": "ES", "pt": "PT", "el": "EL", "ar": "AR", "fr": "FR"}
    TARGET = {"en": "EN-GB", "es": "ES", "pt": "PT-PT", "el": "EL", "ar": "AR", "fr": "FR"}

    def __init__(self, settings: HttpSettings) -> None:
        self.settings = settings

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"DeepL-Auth-Key {self.settings.api_key}"}

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if source not in self.SOURCE or target not in self.TARGET:
            raise MachineTranslationError(UNSUPPORTED, f"{source}->{target}")
        body = {
            "text": list(texts),
            "source_lang": self.SOURCE[source],
            "target_lang": self.TARGET[target],
            "tag_handling": "html",
        }
        answer = post_json(self.settings, "/v2/translate", body, self._headers)
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(translations, list) or not all(
            isinstance(item, dict) for item in translations
        ):
            raise MachineTranslationError(GARBLED, "wrong shape")
        return _texts_of([item.get("text") for item in translations], len(texts))

    def languages(self) -> list[str]:
        """The target languages of the account (GET /v2/languages?type=target)."""
        answer = get_json(self.settings, "/v2/languages?type=target", self._headers)
        if not isinstance(answer, list):
            raise MachineTranslationError(GARBLED, "wrong shape")
        return [
            item["language"] for item in answer if isinstance(item, dict) and "language" in item
        ]


PROVIDERS = {"libretranslate": LibreTranslate, "deepl": DeepL}
DEEPL_FREE_URL = "https://api-free.deepl.com"


def configured_provider(config: Mapping[str, Any]) -> Provider | None:
    """The provider the site's configuration names, or None: nothing is ever sent."""
    kind = str(config.get("MT_PROVIDER") or "").strip().lower()
    if kind not in PROVIDERS:
        return None
    url = str(config.get("MT_URL") or "").strip()
    if kind == "deepl":
        url = url or DEEPL_FREE_URL
        if not config.get("MT_API_KEY"):
            return None  # DeepL answers nothing without a key
    if not url.startswith(("http://", "https://")):
        return None
    settings = HttpSettings(
        url=url,
        api_key=str(config.get("MT_API_KEY") or ""),
        timeout=float(config.get("MT_TIMEOUT") or 8),
        max_bytes=int(config.get("MT_MAX_RESPONSE_BYTES") or 1024 * 1024),
    )
    return PROVIDERS[kind](settings)


def provider_name(config: Mapping[str, Any]) -> str | None:
    """The configured provider's name (the admin dashboard): never its key."""
    provider = configured_provider(config)
    return provider.name if provider is not None else None
