"""Resource fixtures: a private upload folder per test, files, a sharer's fields and a
resource factory."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cop.members.models import Role
from cop.resources import samples, services
from cop.resources.models import ResourceType

PDF = samples.pdf(["Co-production of social services", "Module 1"])


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder


def stored_blobs(folder: Path) -> list[Path]:
    """Blob files in the storage, the temporary folder left aside."""
    return [p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).parts[0] != "tmp"]


def temp_files(folder: Path) -> list[Path]:
    return list((folder / "tmp").glob("*")) if (folder / "tmp").exists() else []


@pytest.fixture
def make_category(db):
    from cop.threads.models import Category, CategoryTranslation

    def make(slug: str = "library", name: str = "Library talk"):
        category = Category(slug=slug, original_locale="en")
        category.translations.append(CategoryTranslation(locale="en", name=name, description=""))
        db.session.add(category)
        db.session.commit()
        return category

    return make


def share_data(**overrides) -> dict:
    data = {
        "title": "Co-production handbook",
        "description": "A *short* guide for trainers.",
        "type": "training_module",
        "original_language": "en",
        "country": "ES",
        "tags": "co-production, procurement",
        "licence": "cc-by-4.0",
        "source": "Training module 1",
        "funding": "Funded by the ENI CBC Med programme",
        "external_url": "",
        "file_language": "en",
    }
    data.update(overrides)
    return data


def resource_fields(**changes) -> services.ResourceFields:
    """A sharer's metadata, valid as it stands (a toolkit with a web link, so it needs no
    file). A test names only the values it is about: resource_fields(original_language="ar")."""
    values = {
        "title": "A resource",
        "description": "",
        "type": ResourceType.TOOLKIT,
        "country": "ES",
        "tags": [],
        "licence": "cc-by-4.0",
        "source": "",
        "funding": "",
        "original_language": "en",
        "external_url": "https://example.org/resource",
    }
    values.update(changes)
    return services.ResourceFields(**values)


def file_part(content: bytes, name: str = "handbook.pdf", content_type: str = "application/pdf"):
    return (io.BytesIO(content), name, content_type)


@pytest.fixture
def make_resource(db, make_member):
    """make_resource(sharer=..., files=[("en", bytes, name)], **fields) -> Resource
    (its files, no web link unless given external_url=...)."""
    from cop.resources import filetypes
    from cop.resources.storage import get_storage
    from cop.resources.uploads import Upload

    def make(sharer=None, files=(("en", PDF, "handbook.pdf"),), **fields):
        sharer = sharer or make_member()
        resource = services.create_resource(
            sharer=sharer, fields=resource_fields(**{"external_url": None, **fields})
        )
        for language, content, name in files:
            staged = get_storage().stage(io.BytesIO(content))
            kind = filetypes.sniff(staged.temp_path, name=name)
            upload = Upload(staged=staged, kind=kind, name=name)
            services.add_file(resource, upload=upload, language=language, uploader=sharer)
        db.session.commit()
        return resource

    return make


@pytest.fixture
def moderator(make_member):
    return make_member(role=Role.MODERATOR)
