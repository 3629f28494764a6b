"""Reading the library: lists with filters and sorts, a resource page, helpers.

Every function loads what its page shows in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from cop.extensions import db
from cop.members.models import Member
from cop.resources.models import (
    Resource,
    ResourceFile,
    ResourceTag,
    ResourceType,
    resource_tag_links,
)

SORTS = {
    "newest": (Resource.created_at.desc(), Resource.id.desc()),
    "downloads": (Resource.download_count.desc(), Resource.created_at.desc(), Resource.id.desc()),
    "title": (func.lower(Resource.title), Resource.id),
}


@dataclass
class Filters:
    type: ResourceType | None = None
    language: str | None = None
    country: str | None = None
    tag: str | None = None
    query: str | None = None
    sort: str = "newest"
    removed: bool = False  # moderators: the removed ones instead


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resources_query(filters: Filters) -> Select:
    statement = select(Resource).where(Resource.is_removed.is_(filters.removed))
    if filters.type:
        statement = statement.where(Resource.type == filters.type)
    if filters.country:
        statement = statement.where(Resource.country == filters.country)
    if filters.language:
        statement = statement.where(
            exists().where(
                and_(
                    ResourceFile.resource_id == Resource.id,
                    ResourceFile.is_current.is_(True),
                    ResourceFile.language == filters.language,
                )
            )
        )
    if filters.tag:
        statement = statement.where(
            exists().where(
                and_(
                    resource_tag_links.c.resource_id == Resource.id,
                    resource_tag_links.c.tag_id == ResourceTag.id,
                    ResourceTag.key == filters.tag.casefold(),
                )
            )
        )
    if filters.query:
        pattern = f"%{_escape_like(filters.query.strip())}%"
        statement = statement.where(
            Resource.title.ilike(pattern, escape="\\")
            | Resource.description_source.ilike(pattern, escape="\\")
        )
    order = SORTS.get(filters.sort, SORTS["newest"])
    return statement.order_by(*order).options(
        joinedload(Resource.sharer),
        selectinload(Resource.tags),
        selectinload(Resource.files),
    )


def find_resources(filters: Filters, *, page: int, per_page: int):
    """A page of resources (Flask-SQLAlchemy Pagination), with files, tags and sharer loaded."""
    return db.paginate(resources_query(filters), page=page, per_page=per_page, error_out=False)


def count_pages(filters: Filters, per_page: int) -> int:
    total = db.session.scalar(
        resources_query(filters).with_only_columns(func.count(Resource.id)).order_by(None)
    )
    return -(-(total or 0) // per_page)


def filter_choices() -> dict[str, list]:
    """The countries and most used tags among visible resources, for the filter form."""
    countries = db.session.scalars(
        select(Resource.country)
        .where(Resource.is_removed.is_(False), Resource.country.is_not(None))
        .distinct()
    ).all()
    tags = db.session.execute(
        select(ResourceTag.key, ResourceTag.name)
        .join(resource_tag_links, resource_tag_links.c.tag_id == ResourceTag.id)
        .join(Resource, Resource.id == resource_tag_links.c.resource_id)
        .where(Resource.is_removed.is_(False))
        .group_by(ResourceTag.key, ResourceTag.name)
        .order_by(func.count().desc(), ResourceTag.key)
        .limit(40)
    ).all()
    return {"countries": sorted(countries), "tags": [(key, name) for key, name in tags]}


def load_resource(resource_id: int) -> Resource | None:
    """A resource with everything its page shows, in a fixed number of queries."""
    return db.session.scalar(
        select(Resource)
        .where(Resource.id == resource_id)
        .options(
            joinedload(Resource.sharer),
            joinedload(Resource.removed_by),
            selectinload(Resource.tags),
            selectinload(Resource.files).joinedload(ResourceFile.uploaded_by),
            selectinload(Resource.files).joinedload(ResourceFile.blob),
        )
    )


def ordered_languages(resource: Resource, reader_locale: str) -> list[str]:
    """Languages with a file: the reader's first, then the original, then the rest."""
    from cop.i18n import SUPPORTED_LOCALES

    present = {f.language for f in resource.files}
    order = [reader_locale, resource.original_language, *SUPPORTED_LOCALES]
    return [code for code in dict.fromkeys(order) if code in present]


def primary_file(resource: Resource, reader_locale: str) -> ResourceFile | None:
    """The current file a reader most likely wants: theirs, else the original, else any."""
    current = {f.language: f for f in resource.files if f.is_current}
    return (
        current.get(reader_locale)
        or current.get(resource.original_language)
        or next(iter(current.values()), None)
    )


def discussion_of(resource: Resource, reader):
    """The resource's discussion thread, if the reader may open it: a newcomer's thread
    waiting for approval is linked only for its author and moderators (no 404 link)."""
    from cop.permissions import can_see_thread

    thread = resource.thread
    if thread is None or thread.is_hidden or not can_see_thread(reader, thread):
        return None
    return thread


def discussion_tables(member: Member, reader_locale: str) -> list[tuple]:
    """(table, name in the reader's language) for every table the member may start in."""
    from cop.permissions import can_start_thread
    from cop.threads.queries import list_categories

    return [
        (category, category.name_in(reader_locale))
        for category in list_categories(include_archived=False)
        if can_start_thread(member, category)
    ]
