"""Fixtures for the members tests."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from PIL import Image

from cop.extensions import limiter


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (300, 200), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt, **save)
    return out.getvalue()


@pytest.fixture
def outbox(app) -> list:
    """Emails sent during this test (the locmem mail backend)."""
    state = app.extensions["mailman"]
    state.outbox = []
    return state.outbox


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    """Each test's data exports in its own folder."""
    folder = tmp_path / "exports"
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(folder))
    return folder


EXPORT_LINK = re.compile(r"https?://[^/\s]+(/members/settings/data/export/[\w.-]+)")


def export_link(message) -> str:
    """The path of the download link in an "export ready" email (plain-text part)."""
    match = EXPORT_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def exported(client, outbox):
    """exported() asks for the signed-in member's data, runs the cron jobs and follows
    the emailed link: the ZIP as the member downloads it."""
    from cop.jobs import runner

    def export() -> zipfile.ZipFile:
        assert client.post("/members/settings/data/export").status_code == 302
        runner.run_due()
        response = client.get(export_link(outbox[-1]))
        assert response.status_code == 200, response.headers
        data = response.get_data()
        response.close()  # the file sent from disk; a server closes it after sending
        return zipfile.ZipFile(io.BytesIO(data))

    return export
