"""Cached resource cards and filter form (cop.fragments): the library shows what it
would without the cache, after downloads, new language versions and new topics."""

from __future__ import annotations

import io
import re

from cop.extensions import cache
from cop.resources import filetypes, services
from cop.resources.storage import get_storage
from cop.resources.uploads import Upload
from tests.resources.conftest import PDF


def cached(kind: str) -> int:
    return sum(1 for key in cache.cache._cache if f"{kind}:" in key)


def card(html: str, resource_id: int) -> str:
    start = html.index(f'<h2><a href="/resources/{resource_id}"')
    return html[start : html.index("</li>", html.index("resource-licence", start))]


def add_spanish_version(db, resource) -> None:
    staged = get_storage().stage(io.BytesIO(PDF))
    kind = filetypes.sniff(staged.temp_path, name="guia.pdf")
    upload = Upload(staged=staged, kind=kind, name="guia.pdf")
    services.add_file(resource, upload=upload, language="es", uploader=resource.sharer)
    db.session.commit()


def test_a_card_follows_downloads_and_new_language_versions(
    client, db, login, make_member, make_resource
):
    login(make_member())  # a visitor's page would come whole from the page cache
    resource = make_resource(title="Guía de compra pública responsable")
    first = card(client.get("/resources/").get_data(as_text=True), resource.id)
    assert "0 downloads" in first and ">English<" in first and ">Spanish<" not in first
    assert cached("resource-card") == 1
    # The download counter is a bulk UPDATE: it shows with the list's next change (or
    # within the minute its region lives), here a new language version.
    client.get(f"/resources/{resource.id}/files/{resource.files[0].id}/download").close()
    add_spanish_version(db, db.session.merge(resource))
    updated = card(client.get("/resources/").get_data(as_text=True), resource.id)
    assert ">English<" in updated and ">Spanish<" in updated and "1 download" in updated


def test_the_filter_form_offers_new_topics_and_keeps_the_readers_choice(client, make_resource):
    make_resource(tags=["moedas sociais"])
    form = re.search(
        r'<form class="resource-filters".*?</form>', client.get("/resources/").text, re.S
    ).group(0)
    assert "moedas sociais" in form and "economía social" not in form
    make_resource(tags=["economía social"])
    page = client.get("/resources/", query_string={"tag": "economía social"}).text
    form = re.search(r'<form class="resource-filters".*?</form>', page, re.S).group(0)
    assert "moedas sociais" in form
    assert re.search(r'<option value="[^"]*" selected>economía social</option>', form)
