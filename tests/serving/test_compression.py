"""Pages, stylesheets and scripts travel compressed (cop.compression)."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from tests.conftest import build_app
from tests.pages import without_csrf_tokens

BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends


def body(response) -> bytes:
    data = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    assert encoding is None, encoding
    return data


def fetch(client, url: str, **kwargs):
    """The response with its body read and its file closed."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def asset_urls(html: str) -> list[str]:
    found = re.findall(r'(?:href|src)="(/static/[^"?]+\.(?:css|js)(?:\?[^"]*)?)"', html)
    return [url.replace("&amp;", "&") for url in found]


@pytest.mark.parametrize(
    ("accepted", "encoding"),
    [(BROWSER, "br"), ("gzip", "gzip"), ("br;q=0.5, gzip", "gzip"), ("", None)],
)
def test_a_page_is_sent_in_the_best_encoding_the_browser_accepts(client, accepted, encoding):
    response = client.get("/auth/sign-in", headers={"Accept-Encoding": accepted})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert b'<html lang="en"' in body(response)
    if encoding:
        assert int(response.headers["Content-Length"]) == len(response.get_data())
        assert len(response.get_data()) < len(body(response)) / 2


def test_a_compressed_page_carries_the_readers_own_csrf_token(db, database_url):
    app = build_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    html = body(client.get("/auth/sign-in", headers={"Accept-Encoding": BROWSER})).decode()
    with app.app_context():
        assert app.extensions["cop.csrf_slot"] not in html
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(
        "/auth/sign-in",
        data={"email": "nobody@example.org", "password": "wrong", "csrf_token": token},
    )
    assert response.status_code == 422  # the form again with its error, not a CSRF 400


def test_a_visitors_cached_page_is_served_to_each_browser_in_its_own_encoding(client):
    first = client.get("/", headers={"Accept-Encoding": "br"})
    again = client.get("/", headers={"Accept-Encoding": "gzip"})  # from the page cache
    plain = client.get("/")
    assert first.headers["Content-Encoding"] == "br"
    assert again.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    # The same page, but for its CSRF token, masked afresh in each response (cop.csrfmask).
    pages = {without_csrf_tokens(body(r).decode()) for r in (first, again, plain)}
    assert len(pages) == 1


def test_stylesheets_and_scripts_are_compressed_with_their_own_etag(client):
    html = client.get("/auth/sign-in").get_data(as_text=True)
    urls = asset_urls(html)
    assert any(".css" in url for url in urls) and any(".js" in url for url in urls)
    for url in urls:
        plain = fetch(client, url)
        compressed = fetch(client, url, headers={"Accept-Encoding": BROWSER})
        if len(plain.data) < 500:
            continue  # smaller than a packet: not worth compressing
        assert compressed.headers["Content-Encoding"] == "br", url
        assert body(compressed) == plain.data
        assert compressed.headers["ETag"] != plain.headers["ETag"]
        again = fetch(
            client,
            url,
            headers={"Accept-Encoding": BROWSER, "If-None-Match": compressed.headers["ETag"]},
        )
        assert again.status_code == 304


def test_a_range_of_a_static_file_is_sent_as_stored(client):
    url = next(u for u in asset_urls(client.get("/").get_data(as_text=True)) if ".css" in u)
    response = client.get(url, headers={"Accept-Encoding": BROWSER, "Range": "bytes=0-99"})
    assert response.status_code == 206
    assert "Content-Encoding" not in response.headers
    assert len(response.get_data()) == 100
    response.close()


def test_error_pages_are_sent_as_they_are(client):
    response = client.get("/no-such-page", headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 404
    assert "Content-Encoding" not in response.headers
