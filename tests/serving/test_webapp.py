"""The favicon and the web app manifest: installable on phones, in the reader's language."""

from __future__ import annotations

import json
import re

import pytest

from cop.i18n import SUPPORTED_LOCALES


def linked(html: str, rel: str) -> str:
    return re.search(rf'<link rel="{rel}" href="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_every_page_links_a_fingerprinted_icon_and_manifest(client):
    html = client.get("/").get_data(as_text=True)
    for rel in ("icon", "apple-touch-icon", "manifest"):
        assert re.search(r"\?v=[0-9a-f]{12}$", linked(html, rel)), rel
    assert '<meta name="theme-color" content="#0b5e7e">' in html


@pytest.mark.parametrize("locale", list(SUPPORTED_LOCALES))
def test_the_manifest_speaks_the_readers_language_and_direction(client, locale):
    html = client.get("/", headers={"Accept-Language": locale}).get_data(as_text=True)
    address = linked(html, "manifest")
    assert f"/manifest/{locale}.webmanifest" in address
    response = client.get(address)
    assert response.mimetype == "application/manifest+json"
    assert "immutable" in response.headers["Cache-Control"]
    manifest = json.loads(response.get_data())
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert manifest["name"] in title  # the site's name as the page has it
    assert manifest["lang"] == locale
    assert manifest["dir"] == ("rtl" if locale == "ar" else "ltr")
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["short_name"] and len(manifest["short_name"]) <= 15


def test_the_manifest_icons_are_served_at_the_sizes_phones_ask_for(client):
    address = linked(client.get("/").get_data(as_text=True), "manifest")
    manifest = json.loads(client.get(address).data)
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200 and response.mimetype == icon["type"]
        if icon["type"] == "image/png":
            width = int.from_bytes(response.data[16:20], "big")  # the PNG header
            assert f"{width}x{width}" == icon["sizes"]
        response.close()


def test_an_old_manifest_address_gets_the_current_one_but_not_for_long(client):
    response = client.get("/manifest/fr.webmanifest?v=000000000000")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert json.loads(response.data)["lang"] == "fr"


def test_an_unknown_language_has_no_manifest(client):
    assert client.get("/manifest/xx.webmanifest").status_code == 404


def test_the_favicon_address_browsers_guess_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response.location)
    assert icon.mimetype == "image/png"
    icon.close()
