"""Sections that packages above the library add to a resource's page.

The library cannot import the packages built on it (the events of a workshop whose
slides these are). Such a package registers a PageSection from its `init_app`; the
resource page renders each one whose `load(resource, reader)` returns something, with
`template` included and that value as `section`. A section must be the same for every
visitor who is not signed in (the page is cached for them, cop.pagecache): it may
depend on the reader's rights, never on their own data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cop.resources.models import Resource


@dataclass(frozen=True)
class PageSection:
    name: str
    template: str
    load: Callable[[Resource, Any], object | None]


_sections: dict[str, PageSection] = {}


def register_page_section(section: PageSection) -> None:
    """Once per name (a second create_app in the same process replaces it)."""
    _sections[section.name] = section


def page_sections(resource: Resource, reader: Any) -> list[tuple[str, object]]:
    """(template, value) of each registered section that has something to show."""
    shown = []
    for section in _sections.values():
        value = section.load(resource, reader)
        if value:
            shown.append((section.template, value))
    return shown
