"""My data: everything the forum holds about a member, as a ZIP of JSON and files.

Each feature's part is one small function returning an ExportPart, registered by the
feature that owns the tables (cop.members.contributions); members gives the profile and
the preferences. A feature that is not installed contributes nothing. Nothing here
commits or touches `request`.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from cop.extensions import db
from cop.members.contributions import ExportPart, export_parts, iso, register_export_part
from cop.members.models import Member, MemberAvatar
from cop.models import utcnow

FORMAT_VERSION = 1


def register() -> None:
    """The member's own parts, first in every export."""
    register_export_part("profile", profile_part, order=0)
    register_export_part("settings", settings_part, order=10)


def profile_part(member: Member) -> ExportPart:
    data = {
        "id": member.id,
        "display_name": member.display_name,
        "handle": member.handle,
        "email": member.email,
        "email_confirmed_at": iso(member.email_confirmed_at),
        "country": member.country,
        "city": member.city,
        "organisation": member.organisation,
        "organisation_kind": member.organisation_kind.value if member.organisation_kind else None,
        "profession": member.profession.value if member.profession else None,
        "languages_spoken": [x.code for x in member.languages],
        "expertise": [x.tag for x in member.expertise],
        "bio_markdown": member.bio,
        "bio_language": member.bio_language,
        "links": list(member.links or []),
        "visibility": member.visibility.value,
        "forum_role": member.role.value,
        "member_since": iso(member.created_at),
        "password_changed_at": iso(member.password_changed_at),
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


def write_export(member: Member, path: Path) -> None:
    """Write the ZIP to `path` as it goes: README-like manifest, one JSON file per part,
    and the files the parts refer to, each copied from disk in blocks."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format_version": FORMAT_VERSION, "exported_at": iso(utcnow()), "parts": []}
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
