"""My data: everything the forum holds about a member, as a ZIP of JSON and files.

Each feature's part is one small function returning an ExportPart; a feature that is
not installed simply contributes nothing. Nothing here commits or touches `request`.
"""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cop.extensions import db
from cop.members.models import Member, MemberAvatar
from cop.models import utcnow

FORMAT_VERSION = 1


@dataclass
class ExportPart:
    name: str  # the JSON file's name, without ".json"
    data: object
    files: dict[str, bytes | Callable[[], bytes]] = field(default_factory=dict)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _feature_exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def profile_part(member: Member) -> ExportPart:
    data = {
        "id": member.id,
        "display_name": member.display_name,
        "handle": member.handle,
        "email": member.email,
        "country": member.country,
        "city": member.city,
        "organisation": member.organisation,
        "organisation_kind": member.organisation_kind.value if member.organisation_kind else None,
        "profession": member.profession.value if member.profession else None,
        "languages_spoken": [x.code for x in member.languages],
        "expertise": [x.tag for x in member.expertise],
        "bio_markdown": member.bio,
        "links": list(member.links or []),
        "visibility": member.visibility.value,
        "forum_role": member.role.value,
        "member_since": _iso(member.created_at),
        "password_changed_at": _iso(member.password_changed_at),
    }
    files: dict[str, bytes | Callable[[], bytes]] = {}
    avatar = db.session.get(MemberAvatar, member.id)
    if avatar is not None:
        files["avatar.webp"] = avatar.data
        data["avatar_file"] = "files/avatar.webp"
    return ExportPart("profile", data, files)


def settings_part(member: Member) -> ExportPart:
    return ExportPart(
        "settings",
        {
            "interface_language": member.locale,
            "regional_format": member.format_locale,
            "time_zone": member.timezone,
        },
    )


def posts_part(member: Member) -> ExportPart | None:
    if not _feature_exists("cop.threads.models"):
        return None
    from cop.threads.models import Post, PostRevision, Thread

    threads = db.session.scalars(
        select(Thread).where(Thread.author_id == member.id).order_by(Thread.id)
    ).all()
    posts = db.session.scalars(
        select(Post).where(Post.author_id == member.id).order_by(Post.id)
    ).all()
    revisions: dict[int, list[PostRevision]] = {}
    if posts:
        for revision in db.session.scalars(
            select(PostRevision)
            .where(PostRevision.post_id.in_([p.id for p in posts]))
            .order_by(PostRevision.id)
        ):
            revisions.setdefault(revision.post_id, []).append(revision)
    data = {
        "threads_started": [
            {"id": t.id, "title": t.title, "language": t.language, "created_at": _iso(t.created_at)}
            for t in threads
        ],
        "posts": [
            {
                "id": p.id,
                "thread_id": p.thread_id,
                "position": p.position,
                "language": p.language,
                "markdown": p.body_source,
                "created_at": _iso(p.created_at),
                "edited_at": _iso(p.edited_at),
                "is_deleted": p.is_deleted,
                "earlier_versions": [
                    {
                        "title": r.title,
                        "markdown": r.body_source,
                        "written_at": _iso(r.written_at),
                    }
                    for r in revisions.get(p.id, [])
                ],
            }
            for p in posts
        ],
    }
    return ExportPart("posts", data)


def resources_part(member: Member) -> ExportPart | None:
    if not _feature_exists("cop.resources.models"):
        return None
    from cop.resources import models as resources

    items = db.session.scalars(
        select(resources.Resource)
        .where(resources.Resource.sharer_id == member.id)
        .options(selectinload(resources.Resource.files))
        .order_by(resources.Resource.id)
    ).all()
    files: dict[str, bytes | Callable[[], bytes]] = {}
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
            "created_at": _iso(item.created_at),
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


def _blob_reader(resource_file) -> Callable[[], bytes]:
    def read() -> bytes:
        from cop.resources.storage import get_storage

        return get_storage().local_path(resource_file.blob.sha256).read_bytes()

    return read


def reading_part(member: Member) -> ExportPart | None:
    """Traces of reading: how far the member read each thread, what they downloaded."""
    data: dict[str, list] = {}
    if _feature_exists("cop.threads.models"):
        from cop.threads.models import ThreadRead

        data["threads_read"] = [
            {"thread_id": r.thread_id, "last_read_post_id": r.last_read_post_id,
             "read_at": _iso(r.read_at)}
            for r in db.session.scalars(
                select(ThreadRead).where(ThreadRead.member_id == member.id)
                .order_by(ThreadRead.thread_id)
            )
        ]  # fmt: skip
    if _feature_exists("cop.resources.models"):
        from cop.resources.models import ResourceDownload

        data["downloads"] = [
            {"resource_id": d.resource_id, "file_id": d.resource_file_id, "day": d.day.isoformat()}
            for d in db.session.scalars(
                select(ResourceDownload).where(ResourceDownload.member_id == member.id)
                .order_by(ResourceDownload.id)
            )
        ]  # fmt: skip
    return ExportPart("reading", data) if data else None


PARTS: tuple[Callable[[Member], ExportPart | None], ...] = (
    profile_part,
    settings_part,
    posts_part,
    resources_part,
    reading_part,
)


def export_parts(member: Member) -> Iterator[ExportPart]:
    for make in PARTS:
        part = make(member)
        if part is not None:
            yield part


def build_export(member: Member) -> bytes:
    """The ZIP: README.txt, one JSON file per part, and the files the parts refer to."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format_version": FORMAT_VERSION, "exported_at": _iso(utcnow()), "parts": []}
        for part in export_parts(member):
            manifest["parts"].append(part.name)
            archive.writestr(
                f"{part.name}.json", json.dumps(part.data, ensure_ascii=False, indent=2)
            )
            for path, content in part.files.items():
                try:
                    archive.writestr(f"files/{path}", content() if callable(content) else content)
                except OSError:
                    manifest.setdefault("missing_files", []).append(path)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
