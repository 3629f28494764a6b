"""One number that changes whenever anything a visitor can read changes.

Every commit that adds, changes or deletes rows of content (posts, threads, tables,
members, resources...) also adds one to `site_state.content_version`, in the same
transaction, so a page cached under a version (cop.pagecache) is never served after
the change it does not show. Rows that only their owner or the moderators see (read
marks, notifications, watches, reports, the audit log...) leave it alone.

Statements that bypass the ORM's unit of work (bulk UPDATEs such as a download
counter) do not count; the page cache's short lifetime bounds what they leave stale.

The same commit also adds one to the version of each *scope* it changed
(`content_versions`: a family of tables, one thread; cop.contentscopes), so a region
showing one thread is keyed by that thread's version and a few families', and another
thread's new reply does not make it miss. One query reads every version a page needs,
at the start of the request (version_of).
"""

from __future__ import annotations

import functools

from flask import g, has_request_context, request
from sqlalchemy import Integer, String, bindparam, event, literal, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from cop.contentscopes import FAMILIES, scopes_of, thread_scope
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
        "content_versions",
        "calendar_tokens",  # a member's private feed address, shown only to them
        # Private conversations and blocks (cop/conversations): only their participants
        # (or a moderator, through a report) read them, never on a page kept for visitors.
        "conversations",
        "conversation_participants",
        "conversation_messages",
        "conversation_reports",
        "member_blocks",
        # Who watches a country or a programme for new events: per reader, never on a
        # page kept for visitors (cop/events/watches.py).
        "event_country_watches",
        "event_programme_watches",
        "policy_acceptances",
        # A member's bookmarks and drafts (cop.bookmarks, cop.drafts): only they see them.
        "bookmarks",
        "drafts",
        # Pictures in posts (cop/pictures): a page changes with the post that shows one.
        "pictures",
    }
)


class SiteState(db.Model):
    """A single row (id 1) of numbers the whole site shares."""

    __tablename__ = "site_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContentScope(db.Model):
    """The version of one scope of the content (cop.contentscopes); no row means 0."""

    __tablename__ = "content_versions"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


SITE = "site"  # the whole site: SiteState.content_version


def content_version() -> int:
    """This request's version of the whole site."""
    return version_of(SITE)[0]


def version_of(*scopes: str) -> tuple[int, ...]:
    """This request's versions of `scopes`, each read once, before anything it shows.

    The first call reads the site's, every family's and the request's thread's (a
    `thread_id` in the address) in one query; a scope asked later costs one more."""
    known = g.setdefault("cop_versions", {})
    missing = [scope for scope in scopes if scope not in known]
    if missing:
        wanted = {*missing, *_request_scopes()} if not known else set(missing)
        known.update(_read(wanted - known.keys()))
    return tuple(known[scope] for scope in scopes)


def _request_scopes() -> list[str]:
    scopes = [SITE, *FAMILIES]
    thread_id = (request.view_args or {}).get("thread_id") if has_request_context() else None
    if isinstance(thread_id, int):
        scopes.append(thread_scope(thread_id))
    return scopes


@functools.cache
def _versions_statement(with_site: bool, with_scopes: bool):
    """The select of _read, built once a process for each of its three shapes: on every
    page, its construction would cost more than its execution."""
    parts = []
    if with_site:
        site = select(literal(SITE).label("scope"), SiteState.content_version)
        parts.append(site.where(SiteState.id == 1))
    if with_scopes:
        rows = select(ContentScope.scope, ContentScope.version)
        parts.append(rows.where(ContentScope.scope.in_(bindparam("scopes", expanding=True))))
    return parts[0] if len(parts) == 1 else union_all(*parts)


def _read(scopes: set[str]) -> dict[str, int]:
    # On every page: through the connection (Core), a third of the ORM's cost.
    found = dict.fromkeys(scopes, 0)
    others = sorted(scopes - {SITE})
    if SITE not in scopes and not others:
        return found
    statement = _versions_statement(SITE in scopes, bool(others))
    rows = db.session.connection().execute(statement, {"scopes": others} if others else {})
    found.update((scope, version or 0) for scope, version in rows)
    return found


def note_changed(session: Session, *families: str) -> None:
    """A Core statement (an INSERT ... ON CONFLICT the ORM does not see) changed rows of
    these families: bump them, and the site's version, at commit like ORM changes."""
    session.info.setdefault("content_scopes", set()).update((SITE, *families))


def _table_name(instance: object) -> str | None:
    table = getattr(instance, "__table__", None)
    return None if table is None or table.name in QUIET_TABLES else table.name


def _note_changes(session: Session, _context) -> None:
    """After each flush (ids known, history kept): what the transaction changed."""
    scopes = session.info.setdefault("content_scopes", set())
    for instances, changed in (
        (session.new, False),
        (session.dirty, True),
        (session.deleted, False),
    ):
        for instance in instances:
            table = _table_name(instance)
            if table is not None:
                scopes.add(SITE)
                scopes.update(scopes_of(instance, table, changed=changed))


def _bump_on_commit(session: Session) -> None:
    session.flush()  # pending changes pass through _note_changes first
    scopes = session.info.pop("content_scopes", set())
    if SITE in scopes:
        bumped = session.execute(
            update(SiteState)
            .where(SiteState.id == 1)
            .values(content_version=SiteState.content_version + 1)
        )
        if bumped.rowcount == 0:  # the row is made by the migration; tests empty tables
            session.add(SiteState(id=1, content_version=1))
            session.flush()
    if scopes - {SITE}:
        session.execute(_bump_scopes(session, sorted(scopes - {SITE})))
    session.info.pop("content_scopes", None)  # our own statements are not content


def _bump_scopes(session: Session, scopes: list[str]):
    """One statement: each scope's row made at 1 or added one to (an upsert; sorted,
    so two transactions lock the rows in the same order)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ContentScope).values([{"scope": s, "version": 1} for s in scopes])
    return statement.on_conflict_do_update(
        index_elements=[ContentScope.scope], set_={"version": ContentScope.version + 1}
    )


def _forget_changes(session: Session, _previous_transaction=None) -> None:
    session.info.pop("content_scopes", None)


def listen() -> None:
    """Watch every ORM session of the process (once)."""
    if not event.contains(Session, "after_flush", _note_changes):
        event.listen(Session, "after_flush", _note_changes)
        event.listen(Session, "before_commit", _bump_on_commit)
        event.listen(Session, "after_soft_rollback", _forget_changes)
