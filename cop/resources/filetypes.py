"""What a file really is, from its bytes: the only judge of what the library accepts.

The name and the browser's declared type are never trusted. Archives are opened with
zipfile and measured, never extracted to disk; each entry is read through a bounded
stream so a header that lies about sizes fails its CRC check instead of filling memory.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l

from cop.i18n import isolate

CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    code: str  # "pdf", "docx", ...
    label: str  # the format as readers know it: "PDF", _l("Word (DOCX)")
    content_type: str
    extensions: tuple[str, ...]  # the first one is added to names that have none

    @property
    def extension(self) -> str:
        return self.extensions[0]


_KINDS = (
    FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
    FileKind(
        "docx",
        _l("Word (DOCX)"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    FileKind(
        "xlsx",
        _l("Excel (XLSX)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    FileKind(
        "pptx",
        _l("PowerPoint (PPTX)"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
    ),
    FileKind(
        "odt", _l("OpenDocument Text (ODT)"), "application/vnd.oasis.opendocument.text", (".odt",)
    ),
    FileKind(
        "ods",
        _l("OpenDocument Spreadsheet (ODS)"),
        "application/vnd.oasis.opendocument.spreadsheet",
        (".ods",),
    ),
    FileKind(
        "odp",
        _l("OpenDocument Presentation (ODP)"),
        "application/vnd.oasis.opendocument.presentation",
        (".odp",),
    ),
    # Werkzeug adds "; charset=utf-8" to text types when it serves them.
    FileKind("txt", _l("Text (TXT)"), "text/plain", (".txt", ".text")),
    FileKind("csv", "CSV", "text/csv", (".csv",)),
    FileKind("png", "PNG", "image/png", (".png",)),
    FileKind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg")),
    FileKind("webp", "WebP", "image/webp", (".webp",)),
    FileKind("zip", "ZIP", "application/zip", (".zip",)),
)
KINDS: dict[str, FileKind] = {kind.code: kind for kind in _KINDS}
ACCEPTED_EXTENSIONS = tuple(sorted({ext for kind in _KINDS for ext in kind.extensions}))

# Office Open XML: the part that must exist and the main content type it must declare.
_OOXML = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
# Text that a browser (or a careless viewer) would run or render as markup.
_MARKUP_START = re.compile(
    rb"^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--|style|title|a|p|div"
    rb"|table|br|b|h1|font|img|object|embed|meta|link|form)[\s>/]",
    re.IGNORECASE,
)
_MARKUP_ANYWHERE = re.compile(rb"<\s*(?:script|svg|iframe|object|embed)\b|<\?php", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    max_unpacked_size: int = 200 * 1024 * 1024
    max_entries: int = 5000
    max_ratio: int = 100  # uncompressed / compressed, for the archive and for each entry


class RefusedFile(Exception):
    """The bytes are not a file the library accepts; `message` says why, for the sharer."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def sniff(path: Path, *, name: str = "", limits: Limits | None = None) -> FileKind:
    """The kind of the file at `path`, or RefusedFile. `name` only tells TXT from CSV."""
    limits = limits or Limits()
    size = path.stat().st_size
    if size == 0:
        raise RefusedFile(_l("The file is empty."))
    with path.open("rb") as handle:
        head = handle.read(4096)
        handle.seek(max(0, size - 2048))
        tail = handle.read()
    if head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail:
            raise RefusedFile(_l("This PDF file is incomplete or damaged."))
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return KINDS["webp"]
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path, size, limits)
    if _is_safe_text(path):
        return KINDS["csv"] if name.casefold().endswith(".csv") else KINDS["txt"]
    raise RefusedFile(_l("This file is not in one of the accepted formats."))


def _sniff_zip(path: Path, size: int, limits: Limits) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_archive(archive, entries, size, limits)
            return _zip_kind(archive, entries)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise RefusedFile(_l("This archive is damaged and cannot be opened.")) from error
    except NotImplementedError as error:  # an unknown compression method or encryption
        raise RefusedFile(
            _l("This archive uses a compression method that is not supported.")
        ) from error


def _check_archive(archive: zipfile.ZipFile, entries, size: int, limits: Limits) -> None:
    too_big = _l("This archive unpacks to far more than its size; it is refused as unsafe.")
    if not entries:
        raise RefusedFile(_l("The archive is empty."))
    if len(entries) > limits.max_entries:
        raise RefusedFile(_l("This archive holds too many files."))
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_size or total > size * limits.max_ratio:
        raise RefusedFile(too_big)
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise RefusedFile(_l("This archive holds file names that point outside it."))
        if entry.flag_bits & 0x1:
            raise RefusedFile(_l("Encrypted archives cannot be checked and are not accepted."))
        if (
            entry.file_size > 1024 * 1024
            and entry.file_size > entry.compress_size * limits.max_ratio
        ):
            raise RefusedFile(too_big)
    # Read every entry through zipfile's bounded stream: it stops at the declared size
    # and checks the CRC, so declared sizes that lie are caught, and nothing lands on disk.
    budget = total
    for entry in entries:
        if entry.is_dir():
            continue
        with archive.open(entry) as member:
            while chunk := member.read(CHUNK):
                budget -= len(chunk)
                if budget < 0:
                    raise RefusedFile(too_big)


def _zip_kind(archive: zipfile.ZipFile, entries) -> FileKind:
    names = {entry.filename for entry in entries}
    first = entries[0]
    if first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED:
        code = _ODF.get(archive.read(first).strip())
        if code:
            return KINDS[code]
    if "[Content_Types].xml" in names:
        content_types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in content_types or any(n.endswith("vbaProject.bin") for n in names):
            raise RefusedFile(
                _l("Office files with macros are not accepted. Save it without macros.")
            )
        for code, (part, main_type) in _OOXML.items():
            if part in names and main_type.encode() in content_types:
                return KINDS[code]
    return KINDS["zip"]


def _is_safe_text(path: Path) -> bool:
    """UTF-8 text without NUL bytes, markup or a script's #! line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    previous = b""
    with path.open("rb") as handle:
        first = handle.read(CHUNK)
        if first.startswith(codecs.BOM_UTF8):
            first = first[len(codecs.BOM_UTF8) :]
        if first.lstrip().startswith((b"#!", b"<?php")) or _MARKUP_START.match(first):
            raise RefusedFile(_l("Web pages, SVG images and scripts are not accepted."))
        chunk = first
        while chunk:
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
            if _MARKUP_ANYWHERE.search(previous[-16:] + chunk):
                raise RefusedFile(_l("Web pages, SVG images and scripts are not accepted."))
            previous = chunk
            chunk = handle.read(CHUNK)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def extension_of(name: str) -> str:
    suffix = Path(name).suffix.casefold()
    return suffix if 1 < len(suffix) <= 6 else ""


def check_name_matches(kind: FileKind, name: str) -> str:
    """The download name: `name` if its extension fits the content, with one added if none.

    A name whose extension claims another format is refused, so nobody downloads
    "report.pdf" and gets something else.
    """
    extension = extension_of(name)
    if not extension or extension not in ACCEPTED_EXTENSIONS:
        return name + kind.extension
    if extension in kind.extensions or {extension, kind.extension} <= {".txt", ".text", ".csv"}:
        return name
    raise RefusedFile(
        _l(
            "The content of this file is %(format)s, but its name ends in %(extension)s. "
            "Check that you chose the right file, or rename it.",
            format=kind.label,
            extension=isolate(extension, html=False),  # ".pdf": its dot stays first
        )
    )
