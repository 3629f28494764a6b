"""My data: everything the forum holds about a member, as a ZIP of JSON and files.

Each feature's part is one small function returning an ExportPart; a feature that is
not installed simply contributes nothing. Nothing here commits or touches `request`.
"""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

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
    files: dict[str, bytes | Callable[[], BinaryIO]] = field(default_factory=dict)


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
    files: dict[str, bytes | Callable[[], BinaryIO]] = {}
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
    from cop.threads.models import Thread

    threads = db.session.execute(
        select(Thread.id, Thread.title, Thread.language, Thread.created_at)
        .where(Thread.author_id == member.id)
        .order_by(Thread.id)
    )
    data = {
        "threads_started": [
            {"id": t.id, "title": t.title, "language": t.language, "created_at": _iso(t.created_at)}
            for t in threads
        ],
        # Streamed: an active member's posts are written in chunks, never all in memory.
        "posts": _posts_of(member.id),
    }
    return ExportPart("posts", data)


POSTS_CHUNK = 500


def _posts_of(member_id: int) -> Iterator[dict]:
    """The member's posts with their earlier versions, by chunks of plain rows."""
    from cop.threads.models import Post, PostRevision

    last_id = 0
    while True:
        posts = db.session.execute(
            select(Post.id, Post.thread_id, Post.position, Post.language, Post.body_source,
                   Post.created_at, Post.edited_at, Post.is_deleted)
            .where(Post.author_id == member_id, Post.id > last_id)
            .order_by(Post.id)
            .limit(POSTS_CHUNK)
        ).all()  # fmt: skip
        if not posts:
            return
        revisions: dict[int, list] = {}
        for r in db.session.execute(
            select(PostRevision.post_id, PostRevision.title, PostRevision.body_source,
                   PostRevision.written_at)
            .where(PostRevision.post_id.in_([p.id for p in posts]))
            .order_by(PostRevision.id)
        ):  # fmt: skip
            revisions.setdefault(r.post_id, []).append(
                {"title": r.title, "markdown": r.body_source, "written_at": _iso(r.written_at)}
            )
        for p in posts:
            yield {
                "id": p.id,
                "thread_id": p.thread_id,
                "position": p.position,
                "language": p.language,
                "markdown": p.body_source,
                "created_at": _iso(p.created_at),
                "edited_at": _iso(p.edited_at),
                "is_deleted": p.is_deleted,
                "earlier_versions": revisions.get(p.id, []),
            }
        last_id = posts[-1].id


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


def _blob_reader(resource_file) -> Callable[[], BinaryIO]:
    sha256 = resource_file.blob.sha256

    def open_blob() -> BinaryIO:
        from cop.resources.storage import get_storage

        return get_storage().local_path(sha256).open("rb")

    return open_blob


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


def write_export(member: Member, path: Path) -> None:
    """Write the ZIP to `path` as it goes: README-like manifest, one JSON file per part,
    and the files the parts refer to, each copied from disk in blocks."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format_version": FORMAT_VERSION, "exported_at": _iso(utcnow()), "parts": []}
        for part in export_parts(member):
            manifest["parts"].append(part.name)
            with archive.open(f"{part.name}.json", "w") as raw:
                _write_json(raw, part.data)
            for name, content in part.files.items():
                try:
                    _write_file(archive, f"files/{name}", content)
                except OSError:
                    manifest.setdefault("missing_files", []).append(name)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))


def _write_file(archive: zipfile.ZipFile, name: str, content) -> None:
    if isinstance(content, bytes):
        archive.writestr(name, content)
        return
    with content() as source, archive.open(name, "w") as target:
        shutil.copyfileobj(source, target, 1024 * 1024)


def _write_json(raw: BinaryIO, data: object) -> None:
    """JSON into the archive; a top-level value that is an iterator is written as a list
    item by item (the posts), so it never has to be in memory whole."""
    out = io.TextIOWrapper(raw, encoding="utf-8")
    if isinstance(data, dict) and any(isinstance(v, Iterator) for v in data.values()):
        out.write("{")
        for i, (key, value) in enumerate(data.items()):
            out.write(",\n" if i else "\n")
            out.write(f"  {json.dumps(key, ensure_ascii=False)}: ")
            if isinstance(value, Iterator):
                out.write("[")
                for n, item in enumerate(value):
                    out.write(",\n    " if n else "\n    ")
                    out.write(json.dumps(item, ensure_ascii=False))
                out.write("\n  ]")
            else:
                out.write(json.dumps(value, ensure_ascii=False))
        out.write("\n}\n")
    else:
        json.dump(data, out, ensure_ascii=False, indent=2)
    out.flush()
    out.detach()
