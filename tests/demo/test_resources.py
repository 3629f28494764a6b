"""The demo library: several languages, real small files, and idempotent seeding."""

from __future__ import annotations

from sqlalchemy import func, select

from cop import demo
from cop.demo import resources as demo_resources
from cop.resources.models import Resource, ResourceFile


def test_the_demo_library_is_seeded_once_with_files_that_download(app, client, db, upload_folder):
    demo.seed()
    db.session.commit()
    resources = db.session.scalars(select(Resource)).all()
    assert len(resources) >= 5
    languages = {f.language for r in resources for f in r.files}
    assert {"en", "es", "ar", "el", "fr", "pt"} <= languages
    assert all(r.thread_id is not None for r in resources)
    outdated = db.session.scalar(select(func.count()).where(ResourceFile.possibly_outdated))
    assert outdated >= 1
    file = db.session.scalar(select(ResourceFile).where(ResourceFile.kind == "pdf"))
    response = client.get(f"/resources/{file.resource_id}/files/{file.id}/download")
    assert response.data.startswith(b"%PDF-")
    response.close()
    assert client.get("/resources/").status_code == 200
    assert client.get(f"/resources/{file.resource_id}").status_code == 200

    files_before = db.session.scalar(select(func.count()).select_from(ResourceFile))
    assert demo_resources.seed_resources() == 0
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ResourceFile)) == files_before


def test_the_thread_page_names_the_resource_it_discusses(client, db, upload_folder):
    demo.seed()
    db.session.commit()
    resource = db.session.scalar(select(Resource).where(Resource.thread_id.is_not(None)))
    page = client.get(f"/threads/{resource.thread_id}").get_data(as_text=True)
    assert "Discussing the resource" in page
    assert f'href="/resources/{resource.id}"' in page
    show = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert f"/threads/{resource.thread_id}" in show
