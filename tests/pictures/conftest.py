"""Fixtures for pictures in posts: pictures drawn by Pillow in the test, no binary files."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from cop.extensions import limiter
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch):
    """Each test's files in its own folder."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder


def picture_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 480), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format=fmt, **save)
    return out.getvalue()


def jpeg_with_gps_and_script() -> bytes:
    """A JPEG whose EXIF holds a GPS position and a description with a script."""
    image = Image.new("RGB", (400, 300), (10, 200, 30))
    exif = Image.Exif()
    exif[0x010E] = "<script>alert(1)</script>"  # ImageDescription
    exif[0x013B] = "Secret Photographer"  # Artist
    gps = {1: "N", 2: (36.0, 48.0, 0.0), 3: "E", 4: (10.0, 11.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"<script>alert(2)</script>")
    return out.getvalue()


def animated_gif(frames: int = 1000) -> bytes:
    images = [Image.new("P", (64, 64), i % 256) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=20)
    return out.getvalue()


def pixel_bomb() -> bytes:
    """A small PNG whose header claims 30,000 x 30,000 pixels."""
    out = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(out, format="PNG")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
