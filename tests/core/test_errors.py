"""Error pages speak the reader's language and keep the site's layout."""

from __future__ import annotations

import pytest
from flask import abort

from tests.conftest import build_app


@pytest.fixture(scope="module")
def failing_app(tmp_path_factory):
    app = build_app("sqlite://", MAX_CONTENT_LENGTH=1024, PROPAGATE_EXCEPTIONS=False)

    @app.get("/_fail/<int:code>")
    def fail(code):
        abort(code)

    @app.get("/_crash")
    def crash():
        raise RuntimeError("boom")

    @app.post("/_upload")
    def upload():
        from flask import request

        return str(len(request.get_data()))

    return app


@pytest.mark.parametrize(
    ("code", "lang", "title"),
    [
        (403, "en", "Not allowed"),
        (404, "en", "Page not found"),
        (429, "en", "Too many attempts"),
        (403, "ar", None),
        (404, "fr", None),
        (429, "pt", None),
    ],
)
def test_error_pages_are_in_the_readers_language_and_the_site_layout(
    failing_app, code, lang, title
):
    response = failing_app.test_client().get(f"/_fail/{code}", headers={"Accept-Language": lang})
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert f'<html lang="{lang}"' in html and 'class="site-header"' in html
    english = {403: "Not allowed", 404: "Page not found", 429: "Too many attempts"}[code]
    assert (title in html) if title else (english not in html)


@pytest.mark.logs_errors  # the crash is logged with its traceback, as it should be
def test_a_crash_gives_the_500_page_not_a_traceback(failing_app, caplog):
    response = failing_app.test_client().get("/_crash", headers={"Accept-Language": "el"})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert '<html lang="el"' in html and "RuntimeError" not in html
    assert "boom" in caplog.text


def test_a_body_over_the_limit_gets_the_413_page(failing_app):
    response = failing_app.test_client().post(
        "/_upload", data=b"x" * 4096, headers={"Accept-Language": "es"}
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert '<html lang="es"' in page
    # The limit (1,024 bytes here) and the way back to what the member wrote.
    assert "1 KB como máximo" in page and "Atrás" in page


def test_unknown_pages_get_404_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
