"""A member's activity on their profile: one paginated list per registered section.

The sections (threads started, replies, resources shared, ...) are registered by the
features that own them (cop.members.contributions); a feature that is not installed
registers none. Every list runs two queries (count and page), whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from cop.extensions import db
from cop.members.contributions import ActivitySection, activity_sections
from cop.members.models import Member

PER_PAGE = 10


@dataclass
class ActivityPage:
    section: ActivitySection
    items: list  # rows of (id, title, created_at): a list of links needs no whole objects
    total: int
    page: int
    pages: int

    @property
    def kind(self) -> str:
        return self.section.kind

    @property
    def heading(self) -> str:
        return str(self.section.heading)

    def url(self, item) -> str:
        """The page of one row (a thread, a post, a resource)."""
        return url_for(self.section.endpoint, **{self.section.id_arg: item.id})


def kinds() -> list[str]:
    """The lists a profile shows, each paginated by ?<kind>_page."""
    return [section.kind for section in activity_sections()]


def _paginate(section: ActivitySection, member: Member, page: int) -> ActivityPage:
    count_query, page_query = section.queries(member)
    total = db.session.scalar(count_query) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, page), pages)
    items = db.session.execute(page_query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return ActivityPage(section, items, total, page, pages)


def activity_of(member: Member, pages: dict[str, int]) -> list[ActivityPage]:
    return [
        _paginate(section, member, pages.get(section.kind, 1)) for section in activity_sections()
    ]
