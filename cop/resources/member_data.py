"""A member's resources, as the members package shows and exports them.

Registered in cop.resources.init_app (see cop.members.contributions): the profile's
"Resources shared" list, the "resources" part of the data export (with the files) and
the downloads in its "reading" part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from cop.extensions import db
from cop.members.contributions import (
    ActivitySection,
    ExportPart,
    iso,
    register_activity_section,
    register_export_part,
)
from cop.members.models import Member
from cop.resources.models import Resource, ResourceDownload, ResourceFile
from cop.resources.storage import get_storage


def register() -> None:
    register_activity_section(
        ActivitySection("resources", _l("Resources shared"), "resources.show", "resource_id",
                        resources_shared, order=30)
    )  # fmt: skip
    register_export_part("resources", resources_part, order=30)
    register_export_part("reading", downloads_part, order=90)


def resources_shared(member: Member):
    """The profile's list: the member's resources still in the library."""
    visible = (Resource.sharer_id == member.id, Resource.is_removed.is_(False))
    return (
        select(func.count(Resource.id)).where(*visible),
        select(Resource.id, Resource.title, Resource.created_at)
        .where(*visible)
        .order_by(Resource.created_at.desc(), Resource.id.desc()),
    )


def resources_part(member: Member) -> ExportPart:
    items = db.session.scalars(
        select(Resource)
        .where(Resource.sharer_id == member.id)
        .options(selectinload(Resource.files))
        .order_by(Resource.id)
    ).all()
    files: dict[str, bytes | Callable[[], BinaryIO]] = {}
    data = []
    for item in items:
        entry = {
            "id": item.id,
            "title": item.title,
            "description_markdown": item.description_source,
            "type": getattr(item.type, "value", item.type),
            "country": item.country,
            "licence": item.licence,
            "external_url": item.external_url,
            "created_at": iso(item.created_at),
            "files": [],
        }
        for f in item.files:
            path = f"resources/{item.id}/{f.language}-v{f.version}-{_safe_name(f.original_name)}"
            entry["files"].append(
                {"name": f.original_name, "language": f.language, "file": f"files/{path}"}
            )
            files[path] = _blob_reader(f)
        data.append(entry)
    return ExportPart("resources", data, files)


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return cleaned.strip("._")[:100] or "file"


def _blob_reader(resource_file: ResourceFile) -> Callable[[], BinaryIO]:
    sha256 = resource_file.blob.sha256

    def open_blob() -> BinaryIO:
        return get_storage().local_path(sha256).open("rb")

    return open_blob


def downloads_part(member: Member) -> ExportPart:
    """A trace of reading: the files the member downloaded, by day."""
    return ExportPart(
        "reading",
        {
            "downloads": [
                {"resource_id": d.resource_id, "file_id": d.resource_file_id,
                 "day": d.day.isoformat()}
                for d in db.session.scalars(
                    select(ResourceDownload).where(ResourceDownload.member_id == member.id)
                    .order_by(ResourceDownload.id)
                )
            ]
        },
    )  # fmt: skip
