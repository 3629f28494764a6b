"""Files are judged by their bytes: what is accepted, what is refused and why."""

from __future__ import annotations

import io
import zipfile

import pytest

from cop.resources import filetypes, samples
from cop.resources.filetypes import Limits, RefusedFile, check_name_matches, sniff


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def write(tmp_path, content: bytes, name: str = "f"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def ooxml(main_part: str, main_type: str, extra=()) -> bytes:
    content_types = (
        '<Types><Override PartName="/' + main_part + '" ContentType="application/'
        "vnd.openxmlformats-officedocument." + main_type + '"/></Types>'
    )
    return samples.zip_of([("[Content_Types].xml", content_types), (main_part, "<x/>"), *extra])


def odf(mimetype: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<x/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (samples.pdf(["hello"]), "a.pdf", "pdf"),
        (samples.png(), "a.png", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "a.jpg", "jpeg"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "a.webp", "webp"),
        (ooxml("word/document.xml", "wordprocessingml.document.main+xml"), "a.docx", "docx"),
        (ooxml("xl/workbook.xml", "spreadsheetml.sheet.main+xml"), "a.xlsx", "xlsx"),
        (ooxml("ppt/presentation.xml", "presentationml.presentation.main+xml"), "a.pptx", "pptx"),
        (odf("application/vnd.oasis.opendocument.text"), "a.odt", "odt"),
        (odf("application/vnd.oasis.opendocument.spreadsheet"), "a.ods", "ods"),
        (odf("application/vnd.oasis.opendocument.presentation"), "a.odp", "odp"),
        ("Notes — σημειώσεις — ملاحظات\n".encode(), "a.txt", "txt"),
        (samples.csv([["country", "members"], ["ES", "3"]]), "a.csv", "csv"),
        (samples.zip_of([("readme.txt", "hello"), ("data/list.csv", "a,b")]), "a.zip", "zip"),
    ],
)
def test_accepted_formats_are_recognised_by_their_content(tmp_path, content, name, code):
    assert sniff(write(tmp_path, content), name=name).code == code


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60,  # a Windows program
        b"\x7fELF\x02\x01\x01" + b"\x00" * 60,  # a Linux program
        b"GIF89a\x01\x00\x01\x00",  # an image format that is not accepted
        "Latin-1 caf\xe9".encode("latin-1"),  # text, but not UTF-8
        b"text with a \x00 NUL byte",
    ],
)
def test_content_that_is_no_accepted_format_is_refused_whatever_the_name(tmp_path, content):
    with pytest.raises(RefusedFile):
        sniff(write(tmp_path, content), name="report.pdf")


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"  <html><body>hi</body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
        b"name,comment\nx,<script>alert(1)</script>\n",
        b"#!/bin/sh\nrm -rf /\n",
        b"<?php system($_GET['c']); ?>",
        b"\xef\xbb\xbf<script>alert(1)</script>",
    ],
)
def test_web_pages_svg_and_scripts_are_refused_behind_any_extension(tmp_path, content):
    with pytest.raises(RefusedFile) as refused:
        sniff(write(tmp_path, content), name="notes.txt")
    assert "scripts" in str(refused.value.message)


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(RefusedFile, match="empty"):
        sniff(write(tmp_path, b""), name="a.pdf")


def test_a_truncated_pdf_is_refused(tmp_path):
    with pytest.raises(RefusedFile):
        sniff(write(tmp_path, samples.pdf(["x"])[:-20]), name="a.pdf")


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (30 * 1024 * 1024))
    path = write(tmp_path, out.getvalue())
    assert path.stat().st_size < 100 * 1024
    with pytest.raises(RefusedFile, match="unsafe"):
        sniff(path, name="a.zip")


def test_an_archive_over_the_unpacked_size_limit_is_refused(tmp_path):
    content = samples.zip_of([("a.txt", bytes(range(256)) * 64)])
    with pytest.raises(RefusedFile, match="unsafe"):
        sniff(write(tmp_path, content), name="a.zip", limits=Limits(max_unpacked_size=1000))


def test_an_archive_with_too_many_entries_is_refused(tmp_path):
    content = samples.zip_of([(f"{n}.txt", "x") for n in range(20)])
    with pytest.raises(RefusedFile, match="too many"):
        sniff(write(tmp_path, content), name="a.zip", limits=Limits(max_entries=10))


def test_an_archive_whose_headers_lie_about_sizes_is_refused(tmp_path):
    content = bytearray(samples.zip_of([("a.txt", "hello world " * 100)]))
    # Shrink the declared uncompressed size in the central directory to 10 bytes.
    central = content.rfind(b"PK\x01\x02")
    content[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(RefusedFile):
        sniff(write(tmp_path, bytes(content)), name="a.zip")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/abs/path.txt", "C:/x.txt", "a/../../b"])
def test_an_archive_with_names_pointing_outside_it_is_refused(tmp_path, name):
    content = samples.zip_of([(name, "x")])
    with pytest.raises(RefusedFile, match="outside"):
        sniff(write(tmp_path, content), name="a.zip")


def test_office_files_with_macros_are_refused(tmp_path):
    content = ooxml(
        "word/document.xml",
        "wordprocessingml.document.main+xml",
        extra=[("word/vbaProject.bin", b"\x00" * 10)],
    )
    with pytest.raises(RefusedFile, match="macros"):
        sniff(write(tmp_path, content), name="a.docx")


def test_a_damaged_archive_is_refused(tmp_path):
    with pytest.raises(RefusedFile, match="damaged"):
        sniff(write(tmp_path, b"PK\x03\x04" + b"\x00" * 100), name="a.zip")


def test_a_pdf_behind_a_picture_extension_is_refused():
    with pytest.raises(RefusedFile) as refused:
        check_name_matches(filetypes.KINDS["png"], "report.pdf")
    assert ".pdf" in str(refused.value.message)


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("pdf", "report.pdf", "report.pdf"),
        ("pdf", "REPORT.PDF", "REPORT.PDF"),
        ("pdf", "report", "report.pdf"),
        ("pdf", "report.v2", "report.v2.pdf"),
        ("jpeg", "photo.jpeg", "photo.jpeg"),
        ("txt", "data.csv", "data.csv"),
    ],
)
def test_names_keep_their_extension_or_get_the_right_one(code, name, expected):
    assert check_name_matches(filetypes.KINDS[code], name) == expected


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("a\x00b\r\n.pdf", "ab.pdf"),
        ("photo\u202egpj.exe", "photogpj.exe"),
        ("دليل التدريب.pdf", "دليل التدريب.pdf"),
        ("Οδηγός εκπαίδευσης.pdf", "Οδηγός εκπαίδευσης.pdf"),
        ('what?<are>:"these"|*.pdf', "what__are___these___.pdf"),
        ("  .hidden  ", "hidden"),
        ("", "file"),
        (None, "file"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_original_names_are_cleaned_of_paths_and_invisible_tricks(sent, kept):
    from cop.resources.uploads import clean_filename

    assert clean_filename(sent) == kept
