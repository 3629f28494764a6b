"""Fixtures for the members tests."""

from __future__ import annotations

import io

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
