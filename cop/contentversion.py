"""One number that changes whenever anything a visitor can read changes.

Every commit that adds, changes or deletes rows of content (posts, threads, tables,
members, resources...) also adds one to `site_state.content_version`, in the same
transaction, so a page cached under a version (cop.pagecache) is never served after
the change it does not show. Rows that only their owner or the moderators see (read
marks, notifications, watches, reports, the audit log...) leave it alone.

Statements that bypass the ORM's unit of work (bulk UPDATEs such as a download
counter) do not count; the page cache's short lifetime bounds what they leave stale.
"""

from __future__ import annotations

from flask import g
from sqlalchemy import Integer, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from cop.extensions import db

# Tables whose rows never show on a page a visitor reads.
QUIET_TABLES = frozenset(
    {
        "thread_reads",
        "watches",
        "notifications",
        "digest_batches",
        "digest_deliveries",
        "email_preferences",
        "moderation_events",
        "reports",
        "member_warnings",
        "resource_downloads",
        "search_documents",
        "site_state",
        "jobs",
    }
)


class SiteState(db.Model):
    """A single row (id 1) of numbers the whole site shares."""

    __tablename__ = "site_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


def content_version() -> int:
    """This request's version: read once, before anything it shows is read."""
    if "cop_content_version" not in g:
        # On every page: through the connection (Core), a third of the ORM's cost.
        statement = select(SiteState.content_version).where(SiteState.id == 1)
        g.cop_content_version = db.session.connection().scalar(statement) or 0
    return g.cop_content_version


def _is_content(instance: object) -> bool:
    table = getattr(instance, "__table__", None)
    return table is not None and table.name not in QUIET_TABLES


def _note_changes(session: Session, _context, _instances) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(_is_content(instance) for instance in changed):
        session.info["content_changed"] = True


def _bump_on_commit(session: Session) -> None:
    session.flush()  # pending changes pass through _note_changes first
    if session.info.pop("content_changed", False):
        bumped = session.execute(
            update(SiteState)
            .where(SiteState.id == 1)
            .values(content_version=SiteState.content_version + 1)
        )
        if bumped.rowcount == 0:  # the row is made by the migration; tests empty tables
            session.add(SiteState(id=1, content_version=1))
            session.flush()


def _forget_changes(session: Session, _previous_transaction=None) -> None:
    session.info.pop("content_changed", None)


def listen() -> None:
    """Watch every ORM session of the process (once)."""
    if not event.contains(Session, "before_flush", _note_changes):
        event.listen(Session, "before_flush", _note_changes)
        event.listen(Session, "before_commit", _bump_on_commit)
        event.listen(Session, "after_soft_rollback", _forget_changes)
