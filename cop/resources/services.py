"""Resource library services: they add and flush, the caller commits."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from cop import signals
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.resources.models import (
    Resource,
    ResourceDownload,
    ResourceFile,
    ResourceTag,
    ResourceType,
    StoredBlob,
)
from cop.resources.storage import get_storage
from cop.resources.uploads import Upload
from cop.sanitize import render_markdown
from cop.versions import claim_version

logger = logging.getLogger(__name__)

MAX_TAGS = 8
TAG_MAX_LENGTH = 40
_TAG_SEPARATORS = re.compile(r"[,;،؛\n]")


@dataclass
class ResourceFields:
    """The metadata a sharer gives, as the forms hand it over."""

    title: str
    description: str
    type: ResourceType
    country: str | None
    tags: list[str]
    licence: str
    source: str
    funding: str
    original_language: str
    external_url: str | None


def parse_tags(text: str | None) -> list[str]:
    """Tags from "co-production, SSE; التمويل": trimmed, unique by case, at most MAX_TAGS."""
    seen: dict[str, str] = {}
    for raw in _TAG_SEPARATORS.split(text or ""):
        name = " ".join(raw.split()).strip("#")[:TAG_MAX_LENGTH].strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())[:MAX_TAGS]


def _tags_for(names: list[str]) -> list[ResourceTag]:
    if not names:
        return []
    keys = {name.casefold(): name for name in names}
    existing = {
        tag.key: tag
        for tag in db.session.scalars(select(ResourceTag).where(ResourceTag.key.in_(keys)))
    }
    missing = [key for key in keys if key not in existing]
    if missing:  # two resources shared at once may bring the same new tag
        for key in missing:
            insert_ignore(ResourceTag, ["key"], key=key, name=keys[key])
        query = select(ResourceTag).where(ResourceTag.key.in_(missing))
        existing.update((tag.key, tag) for tag in db.session.scalars(query))
    return [existing[key] for key in keys]


def _apply_fields(resource: Resource, fields: ResourceFields) -> None:
    resource.title = fields.title.strip()
    resource.description_source = fields.description or ""
    resource.description_html = render_markdown(fields.description or "")
    resource.type = fields.type
    resource.country = fields.country or None
    resource.licence = fields.licence
    resource.source = (fields.source or "").strip()
    resource.funding = (fields.funding or "").strip()
    resource.original_language = fields.original_language
    resource.external_url = fields.external_url or None
    resource.tags = _tags_for(fields.tags)


def create_resource(
    *,
    sharer: Member,
    fields: ResourceFields,
    upload: Upload | None = None,
    file_language: str | None = None,
    category=None,
) -> Resource:
    """A new resource, with its first file and its discussion thread in `category`."""
    resource = Resource(sharer=sharer, download_count=0, is_removed=False)
    _apply_fields(resource, fields)
    db.session.add(resource)
    if upload is not None:
        add_file(
            resource,
            upload=upload,
            language=file_language or fields.original_language,
            uploader=sharer,
        )
    if category is not None:
        resource.thread = _start_discussion(resource, sharer, category)
    db.session.flush()
    signals.resource_shared.send(resource)
    logger.info("resource %s shared by member %s", resource.id, sharer.id)
    return resource


def _start_discussion(resource: Resource, sharer: Member, category):
    from cop.threads.models import TITLE_MAX
    from cop.threads.services import start_thread

    body = resource.description_source.strip() or resource.title
    return start_thread(
        author=sharer,
        category=category,
        title=resource.title[:TITLE_MAX],
        body=body,
        language=resource.original_language,
    )


def update_resource(
    resource: Resource, *, editor: Member, fields: ResourceFields, version: int | None = None
) -> None:
    """Apply the edit form; StaleEdit if the resource was saved since `version` was shown."""
    claim_version(resource, resource.version if version is None else version)
    _apply_fields(resource, fields)
    resource.updated_at = utcnow()
    db.session.flush()
    signals.resource_updated.send(resource, editor=editor)
    logger.info("resource %s edited by member %s", resource.id, editor.id)


def _blob_for(upload: Upload) -> StoredBlob:
    """The stored blob for these bytes: written first, then its row (once per content)."""
    get_storage().put(upload.staged)
    query = select(StoredBlob).where(StoredBlob.sha256 == upload.staged.sha256)
    blob = db.session.scalar(query)
    if blob is None:  # the same file uploaded twice at once: one row
        insert_ignore(StoredBlob, ["sha256"], sha256=upload.staged.sha256, size=upload.staged.size)
        blob = db.session.scalar(query)
    return blob


def add_file(
    resource: Resource, *, upload: Upload, language: str, uploader: Member
) -> ResourceFile:
    """A new current version in `language`; older ones stay in the history.

    A new version in the original language marks the other languages' current files
    as possibly out of date, until someone uploads a new version of them.
    """
    same_language = [f for f in resource.files if f.language == language]
    for older in same_language:
        older.is_current = False
    file = ResourceFile(
        language=language,
        version=max((f.version for f in same_language), default=0) + 1,
        is_current=True,
        possibly_outdated=False,
        blob=_blob_for(upload),
        original_name=upload.name,
        kind=upload.kind.code,
        content_type=upload.kind.content_type,
        size=upload.staged.size,
        uploaded_by=uploader,
    )
    if same_language and language == resource.original_language:
        for other in resource.files:
            if other.is_current and other.language != language:
                other.possibly_outdated = True
    resource.files.append(file)
    resource.updated_at = utcnow()
    db.session.flush()
    signals.resource_file_added.send(file, uploader=uploader)
    logger.info("resource %s: %s version %s added", resource.id, language, file.version)
    return file


def confirm_up_to_date(file: ResourceFile, *, editor: Member) -> None:
    """An editor checked the translation against the new original: the mark goes."""
    file.possibly_outdated = False
    logger.info("resource file %s confirmed up to date by member %s", file.id, editor.id)


def remove_resource(resource: Resource, *, moderator: Member, reason: str = "") -> bool:
    if resource.is_removed:
        return False
    resource.is_removed = True
    resource.removed_at = utcnow()
    resource.removed_by = moderator
    resource.removal_reason = (reason or "").strip()[:500]
    signals.resource_removed.send(resource, actor=moderator)
    logger.info("resource %s removed by member %s", resource.id, moderator.id)
    return True


def restore_resource(resource: Resource, *, moderator: Member) -> bool:
    if not resource.is_removed:
        return False
    resource.is_removed = False
    resource.removed_at = None
    resource.removed_by = None
    resource.removal_reason = ""
    signals.resource_restored.send(resource, actor=moderator)
    logger.info("resource %s restored by member %s", resource.id, moderator.id)
    return True


# Downloads


def visitor_key(*, member: Member | None, address: str | None, secret: str, day: date) -> str:
    """Who downloads, for the count: the member, or a keyed hash of address and day.

    Visitors are counted once per day by an HMAC of their address and the date, keyed
    with the site's secret: the address itself is never stored, and the same visitor
    cannot be followed from one day to the next.
    """
    if member is not None and getattr(member, "is_authenticated", False):
        return f"m{member.id}"
    message = f"{day.isoformat()}|{address or ''}".encode()
    return "v" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:40]


def record_download(file: ResourceFile, *, member: Member | None, visitor: str, day: date) -> bool:
    """Count this download unless this visitor got the resource today; True if counted."""
    counted = insert_ignore(
        ResourceDownload,
        ["resource_id", "visitor_key", "day"],
        resource_id=file.resource_id,
        resource_file_id=file.id,
        member_id=member.id if member is not None and member.is_authenticated else None,
        visitor_key=visitor,
        day=day,
        created_at=utcnow(),
    )
    if counted is None:
        return False
    db.session.execute(
        update(Resource)
        .where(Resource.id == file.resource_id)
        .values(download_count=Resource.download_count + 1)
        .execution_options(synchronize_session=False)
    )
    return True
