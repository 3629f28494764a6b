"""Keys of the resource library's cached fragments (cop.fragments): the cards of the
list. Each key digests every value its template shows."""

from __future__ import annotations

from cop.fragments import fragment_key
from cop.resources.models import Resource, ResourceFile


def resource_card_key(resource: Resource, file: ResourceFile | None) -> str:
    return fragment_key(
        "resource-card",
        resource.id,
        resource.title,
        resource.original_language,
        resource.type.value,
        resource.country,
        resource.external_url or "",
        file and (file.id, file.kind, file.size),
        resource.download_count,
        resource.created_at.isoformat(),
        tuple(resource.languages),
        tuple((tag.key, tag.name) for tag in resource.tags),
        resource.licence,
    )
