"""Refuse, once for every request, text that a database cannot store.

PostgreSQL's text cannot hold NUL (a 500 there, while SQLite stores it), and neither
database should receive lone surrogates or bytes that are not UTF-8 (Werkzeug quietly
turns those into "\\ufffd" or "%FF"). One hook, run before any other, answers such a
request with the same translated 400 page on both databases, whatever the route.
"""

from __future__ import annotations

import codecs
import logging
import re
from urllib.parse import unquote_to_bytes

from flask import Flask, Request, request
from flask_babel import gettext as _
from werkzeug.formparser import FormDataParser, MultiPartParser

logger = logging.getLogger(__name__)

# NUL and the UTF-16 surrogates: no valid UTF-8 decodes to them, no database stores them.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
URLENCODED = "application/x-www-form-urlencoded"


# Multipart fields: Werkzeug decodes them with errors="replace", which would hide invalid
# UTF-8 as "\ufffd". This codec keeps the bad bytes as lone surrogates instead, so the
# check below sees them. Only the decoding of multipart text fields uses it.
ESCAPING_UTF8 = "cop_utf8_escaping"


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name != ESCAPING_UTF8:
        return None

    def decode(data, errors="strict"):
        return codecs.utf_8_decode(data, "surrogateescape", True)

    return codecs.CodecInfo(codecs.lookup("utf-8").encode, decode, name=ESCAPING_UTF8)


codecs.register(_find_codec)


class _MultiPartParser(MultiPartParser):
    def get_part_charset(self, headers) -> str:
        charset = super().get_part_charset(headers)
        return ESCAPING_UTF8 if charset == "utf-8" else charset


class _FormDataParser(FormDataParser):
    def _parse_multipart(self, stream, mimetype, content_length, options):
        parser = _MultiPartParser(
            stream_factory=self.stream_factory,
            max_form_memory_size=self.max_form_memory_size,
            max_form_parts=self.max_form_parts,
            cls=self.cls,
        )
        boundary = options.get("boundary", "").encode("ascii")
        if not boundary:
            raise ValueError("Missing boundary")
        form, files = parser.parse(stream, boundary, content_length)
        return stream, form, files


class EdgeRequest(Request):
    form_data_parser_class = _FormDataParser


def _is_clean_utf8(raw: bytes) -> bool:
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _percent_decoded(text: str | bytes) -> bytes:
    raw = text.encode("latin-1", "replace") if isinstance(text, str) else text
    return unquote_to_bytes(raw.replace(b"+", b" "))


def _has_unstorable(texts) -> bool:
    return any(UNSTORABLE.search(text) for text in texts if text)


def _raw_parts_are_clean() -> bool:
    # WSGI gives the path and the query string as latin-1 strings of the raw bytes.
    environ = request.environ
    if not _is_clean_utf8(environ.get("PATH_INFO", "").encode("latin-1", "replace")):
        return False
    if not _is_clean_utf8(_percent_decoded(environ.get("QUERY_STRING", ""))):
        return False
    if request.mimetype == URLENCODED:
        # Cached: the form is then parsed from these same bytes.
        return _is_clean_utf8(_percent_decoded(request.get_data(cache=True)))
    return True


def _decoded_parts_are_clean() -> bool:
    # What the raw checks cannot see: multipart fields and file names, header values.
    form = request.form if request.mimetype == "multipart/form-data" else {}
    texts = [*request.headers.values()]
    if form:
        texts += [text for key, values in form.lists() for text in (key, *values)]
        texts += [f.filename or "" for _key, f in request.files.items(multi=True)]
    return not _has_unstorable(texts)


def refuse_unstorable_text():
    if _raw_parts_are_clean() and _decoded_parts_are_clean():
        return None
    from cop.errors import render_error

    logger.info("refused a request with unstorable characters: %s", request.endpoint)
    return render_error(
        400,
        _(
            "What you sent contains characters this site cannot store, such as invisible control characters. Nothing was saved: go back, remove them and send it again."
        ),
    )


def init_app(app: Flask) -> None:
    app.request_class = EdgeRequest  # multipart text keeps invalid UTF-8 visible
    # First of all before_request hooks: no other hook, and no view, reads such text.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_unstorable_text)
