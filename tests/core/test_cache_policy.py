"""One coherent Cache-Control per kind of answer: never "public ... private, no-cache"."""

from __future__ import annotations

import pytest
from flask import Response, send_file

from cop import cachepolicy


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (cachepolicy.versioned, "public, max-age=31536000, immutable"),
        (cachepolicy.public_revalidated, "public, no-cache"),
        (cachepolicy.private_revalidated, "private, no-cache"),
        (cachepolicy.personal, "private, no-store"),
    ],
)
def test_each_policy_replaces_what_send_file_set(app, tmp_path, policy, expected):
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    with app.test_request_context("/"):
        response = send_file(path, as_attachment=True)  # adds public, max-age=<a year>
        policy(response)
        response.close()
    assert response.headers["Cache-Control"] == expected
    assert len(response.headers.getlist("Cache-Control")) == 1


def test_private_answers_vary_by_cookie():
    for policy in (cachepolicy.private_revalidated, cachepolicy.personal):
        assert "Cookie" in policy(Response()).headers["Vary"]
