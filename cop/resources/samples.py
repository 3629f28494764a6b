"""Small valid files made on the spot, for the demo community and the tests.

No binaries in the repository: a one-page PDF written byte by byte, a PNG from zlib
and struct, a CSV, and Office/OpenDocument skeletons with just the parts that
identify them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def _pdf_text(text: str) -> str:
    # Helvetica in a PDF speaks Latin-1 at best: other scripts become '?', which is
    # fine for demo handouts whose title is also in the page's metadata.
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines`, with a correct cross-reference table."""
    commands = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in lines:
        commands.append(f"({_pdf_text(line)}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (30, 110, 160)) -> bytes:
    """A plain-coloured PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def csv(rows: list[list[str]]) -> bytes:
    lines = (",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def docx(text: str = "Hello") -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        f"{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip([("[Content_Types].xml", content_types), ("word/document.xml", document)])


def odt(text: str = "Hello") -> bytes:
    return _zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", f"<office:document-content>{text}</office:document-content>"),
        ],
        first_stored=True,
    )


def _zip(entries: list[tuple[str, str | bytes]], *, first_stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if first_stored and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return out.getvalue()


def zip_of(entries: list[tuple[str, str | bytes]]) -> bytes:
    return _zip(entries)
