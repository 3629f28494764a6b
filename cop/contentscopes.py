"""Which parts of the content a changed row belongs to: the scopes of cop.contentversion.

A cached region is keyed by the versions of the scopes it shows, so a reply in one
thread leaves the other threads' pages, the member directory and the library cached:

- a family of tables: "threads" (threads, posts and what hangs from them), "tables"
  (the discussion tables' names), "table-counts" (their counters, which every reply
  moves), "members", "resources", "events" (programmes, events and what hangs from
  them: organisers, registrations, linked resources), "pages" (the community's pages,
  cop.pages);
- one thread: "thread:<id>", its row and its posts (a moved post counts for both).

A changed row of a content table not named here (a table added later) counts for every
family: cached regions stay right, they only miss more often than they need to.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import inspect

FAMILY_OF_TABLE = {
    "threads": "threads",
    "posts": "threads",
    "post_revisions": "threads",
    "mentions": "threads",
    "post_reactions": "threads",  # the counts under each post (cop/reactions)
    "categories": "tables",
    "category_translations": "tables",
    "members": "members",
    "member_avatars": "members",
    "member_expertise": "members",
    "member_languages": "members",
    "member_restrictions": "members",
    "moderator_languages": "members",
    "resources": "resources",
    "resource_files": "resources",
    "resource_tags": "resources",
    "resource_tag_links": "resources",
    "stored_blobs": "resources",
    "programmes": "events",
    "events": "events",
    "event_organisers": "events",
    "event_registrations": "events",  # places left and the participants' count
    "event_resources": "events",
    "organiser_roles": "events",  # who may create: the events page's "new event" link
    "page_revisions": "pages",
    # Translations (cop/translations) belong to their original's family: by kind below.
    "content_translations": "threads",
    "translation_revisions": "threads",
}
FAMILY_OF_TRANSLATED_KIND = {
    "post": "threads",
    "thread": "threads",
    "resource": "resources",
    "category": "tables",
}
FAMILIES = ("events", "members", "pages", "resources", "table-counts", "tables", "threads")

# A table's counters move with every post in it; its name and place do not.
TABLE_COUNTERS = frozenset({"thread_count", "post_count", "last_post_at", "last_post_id"})


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def scopes_of(instance: object, table: str, *, changed: bool) -> Iterator[str]:
    """The scopes of a row of `table`, new, deleted or (`changed`) updated, seen after
    the flush: new rows have their ids and changed attributes still their history."""
    family = FAMILY_OF_TABLE.get(table)
    if table == "content_translations":
        yield from _translation_scopes(instance)
        return
    if family is None:
        yield from FAMILIES
        return
    if table == "categories" and changed and _only_counters_changed(instance):
        yield "table-counts"
        return
    yield family
    if family == "tables":
        yield "table-counts"  # a new or removed table is a new or removed count too
    if table == "threads":
        yield from _thread_scopes(instance, "id")
    elif table in ("posts", "post_reactions"):
        yield from _thread_scopes(instance, "thread_id")


def _translation_scopes(instance: object) -> Iterator[str]:
    """A translation's original's family, and a thread title's thread. A post's thread
    is not on the row: cop/translations' services name it with `note_changed`."""
    kind = getattr(instance, "kind", None)
    yield FAMILY_OF_TRANSLATED_KIND.get(kind, "threads")
    if kind == "thread":
        yield thread_scope(instance.object_id)


def _thread_scopes(instance: object, attribute: str) -> Iterator[str]:
    state = inspect(instance)
    history = state.attrs[attribute].history
    for thread_id in (*history.sum(), getattr(instance, attribute)):
        if thread_id is not None:
            yield thread_scope(thread_id)


def _only_counters_changed(instance: object) -> bool:
    state = inspect(instance)
    changed = {
        attr.key
        for attr in state.mapper.column_attrs
        if state.attrs[attr.key].history.has_changes()
    }
    return changed <= TABLE_COUNTERS
