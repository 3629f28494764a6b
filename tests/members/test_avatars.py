"""Avatars: uploads re-encoded to small squares; generated initials in every script."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from cop.members import avatars
from cop.members.avatars import AvatarError, initials, initials_svg, reencode_avatar
from tests.members.conftest import image_bytes


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_become_a_small_webp_square(fmt):
    result = Image.open(io.BytesIO(reencode_avatar(image_bytes(fmt, (640, 300)))))
    assert result.format == "WEBP"
    assert result.size == (avatars.SIZE, avatars.SIZE)


def test_location_and_camera_details_are_dropped():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (40.0, 25.0, 0.0)}  # GPS
    data = image_bytes("JPEG", (400, 400), exif=exif.tobytes())
    assert b"SecretCam" in data
    out = reencode_avatar(data)
    assert b"SecretCam" not in out
    assert not Image.open(io.BytesIO(out)).getexif()


@pytest.mark.parametrize(
    "data",
    [
        b"not an image at all",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"GIF89a" + b"\0" * 40,
        b"\x89PNG\r\n\x1a\n" + b"\0" * 64,  # a PNG signature with nothing valid after it
    ],
)
def test_files_that_are_not_pictures_are_refused(data):
    with pytest.raises(AvatarError) as caught:
        reencode_avatar(data)
    assert caught.value.reason == "not_image"


def test_a_gif_is_refused_even_though_pillow_reads_it():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(AvatarError, match="not_image"):
        reencode_avatar(out.getvalue())


def test_files_over_the_byte_limit_are_refused():
    with pytest.raises(AvatarError, match="too_large"):
        reencode_avatar(b"\0" * (avatars.MAX_BYTES + 1))


def test_pictures_with_too_many_pixels_are_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (6000, 6000)).save(out, format="PNG")  # 36 megapixels, a few KB
    assert len(out.getvalue()) < avatars.MAX_BYTES
    with pytest.raises(AvatarError, match="too_many_pixels"):
        reencode_avatar(out.getvalue())


def test_decompression_bombs_are_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")  # 100 megapixels
    with pytest.raises(AvatarError, match="too_many_pixels"):
        reencode_avatar(out.getvalue())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lucía Fernández", "LF"),
        ("joana martins", "JM"),
        ("Νίκος Παπαδόπουλος", "ΝΠ"),
        ("Ίων Δραγούμης", "ΙΔ"),
        ("Μαρία", "Μ"),
        ("عمر الخطيب", "ع\u2009خ"),
        ("ليلى حداد", "ل\u2009ح"),
        ("أمينة الطرابلسي", "أ\u2009ط"),
        ("e\u0301mile zola", "ÉZ"),
        ("Sami Ben Salah", "SS"),
        ("عُمَر الخَطِيب", "ع\u2009خ"),
        ("   ", "?"),
        ("🙂", "?"),
    ],
)
def test_initials_are_the_first_grapheme_of_the_first_and_last_words(name, expected):
    assert initials(name) == expected


def test_arabic_initials_are_drawn_right_to_left_with_arabic_fonts():
    svg = initials_svg("عمر الخطيب", "omar")
    assert 'direction="rtl"' in svg
    assert 'xml:lang="ar"' in svg
    assert "Noto Sans Arabic" in svg


def test_greek_initials_are_marked_as_greek():
    svg = initials_svg("Νίκος Παπαδόπουλος", "nikos")
    assert 'xml:lang="el"' in svg and 'direction="ltr"' in svg and ">ΝΠ</text>" in svg


def test_initials_are_escaped_in_the_svg():
    svg = initials_svg("<b> &x", "x")
    assert "<b>" not in svg.split("<text", 1)[1]
