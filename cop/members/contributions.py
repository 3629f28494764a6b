"""What other features add to a member's export, closing and profile: the registries.

`members` is the lowest feature package: it may not import threads, resources or any
feature above it. Yet three things span every feature that keeps something of a member:

- **the data export** ("My data", `members/export.py` writes the ZIP): one JSON file per
  part. `register_export_part(name, make, order=...)`; `make(member)` returns an
  `ExportPart` or None (nothing to say). Parts are written by `order`; several makers
  of one name are merged into one file (their dicts' keys, their files): the "reading"
  part holds `threads_read` from threads and `downloads` from resources.
- **closing an account** (`members/services.close_account`, run by the closing job):
  `register_closing_step(step)`; `step(member, delete_posts=...)` runs before the
  member's row is deleted, in the order registered. Foreign keys to members are
  ON DELETE SET NULL, so a feature needs a step only to delete or erase something.
- **a profile's activity** (`members/activity.py`, shown on the profile page):
  `register_activity_section(ActivitySection(...))`: a heading, the queries of its
  rows (id, title, created_at) and the endpoint each row links to.

`members` keeps the orchestration; each feature keeps the queries of its own tables in
its own `member_data.py` and registers them from its package `init_app`:

    def init_app(app):
        ...
        from cop.threads import member_data

        member_data.register()

A new feature (events, conversations) does the same: a `member_data.py` with its parts,
one line in its `init_app`; nothing changes here. Registering again (one app per test)
replaces the earlier entry of the same name, so the order stays the first one's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from sqlalchemy import Select

    from cop.members.models import Member

# The data export


@dataclass
class ExportPart:
    name: str  # the JSON file's name, without ".json"
    data: object  # a dict (a value that is an iterator is streamed as a list) or a list
    # Files under files/ in the archive: bytes, or a function opening a binary stream.
    files: dict[str, bytes | Callable[[], BinaryIO]] = field(default_factory=dict)


ExportPartMaker = Callable[["Member"], ExportPart | None]


def iso(value: datetime | None) -> str | None:
    """A date and time as the export writes them (ISO 8601, UTC)."""
    return value.isoformat() if value else None


_export_parts: dict[tuple[str, str], tuple[int, ExportPartMaker]] = {}


def _name_of(function: Callable) -> str:
    return f"{function.__module__}:{function.__qualname__}"


def register_export_part(name: str, make: ExportPartMaker, *, order: int) -> None:
    """Add `make(member)`'s part to every export, written by `order` (lowest first)."""
    _export_parts[(name, _name_of(make))] = (order, make)


def export_parts(member: Member):
    """The parts to write, by order; makers of one name merged, empty ones left out."""
    by_name: dict[str, list[ExportPart]] = {}
    ranked = sorted(_export_parts.items(), key=lambda entry: entry[1][0])
    for (name, _maker), (_order, make) in ranked:
        part = make(member)
        if part is not None:
            by_name.setdefault(name, []).append(part)
    for name, parts in by_name.items():
        yield parts[0] if len(parts) == 1 else _merged(name, parts)


def _merged(name: str, parts: list[ExportPart]) -> ExportPart:
    data: dict = {}
    files: dict[str, bytes | Callable[[], BinaryIO]] = {}
    for part in parts:
        data.update(part.data)  # type: ignore[call-overload]  (merged parts are dicts)
        files.update(part.files)
    return ExportPart(name, data, files)


# Closing an account

ClosingStep = Callable[..., None]  # step(member, *, delete_posts: bool)

_closing_steps: dict[str, ClosingStep] = {}


def register_closing_step(step: ClosingStep) -> None:
    """Run `step(member, delete_posts=...)` before a closed account's row is deleted."""
    _closing_steps[_name_of(step)] = step


def run_closing_steps(member: Member, *, delete_posts: bool) -> None:
    for step in _closing_steps.values():
        step(member, delete_posts=delete_posts)


# A profile's activity


@dataclass(frozen=True)
class ActivitySection:
    kind: str  # the list's anchor on the profile and its ?<kind>_page argument
    heading: str  # a lazy_gettext string
    endpoint: str  # the page of one row, e.g. "threads.show"
    id_arg: str  # that endpoint's argument, given the row's id, e.g. "thread_id"
    # (count query, page query): the page query selects (id, title, created_at), ordered;
    # only what the reader may see (not hidden, not awaiting approval).
    queries: Callable[[Member], tuple[Select, Select]]
    order: int = 50


_activity_sections: dict[str, ActivitySection] = {}


def register_activity_section(section: ActivitySection) -> None:
    _activity_sections[section.kind] = section


def activity_sections() -> list[ActivitySection]:
    return sorted(_activity_sections.values(), key=lambda section: section.order)
