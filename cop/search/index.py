"""Writing the index: one function per kind of content, called by the event receivers
(cop/search/receivers.py) inside the content's own transaction, and by the reindex
command in batches. Nothing here commits.

A row is deleted and written again whenever its content changes; content members may not
see (hidden, deleted, pending, removed, merged away) simply has no row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, or_, select, update

from cop.database import dialect_insert
from cop.extensions import db
from cop.search.analysis import analyze
from cop.search.models import MEMBERS_ONLY_KINDS, SearchDocument

if TYPE_CHECKING:
    from cop.events.models import Event
    from cop.members.models import Member
    from cop.resources.models import Resource
    from cop.threads.models import Post, Thread

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
TITLE_LIMIT = 300


def html_to_text(markup: str | None) -> str:
    """The words of sanitized HTML, for the index and the snippets."""
    if not markup:
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _document(
    *, kind: str, object_id: int, title: str, body: str, language: str | None, **fields: Any
) -> dict[str, Any]:
    if fields.get("is_members_only") and kind not in MEMBERS_ONLY_KINDS:
        raise ValueError(f"{kind} documents are never members-only (see MEMBERS_ONLY_KINDS)")
    title_normalized, title_tokens = analyze(title, language)
    body_normalized, body_tokens = analyze(body, language)
    return {
        "kind": kind,
        "object_id": object_id,
        "title": (title or "")[:TITLE_LIMIT],
        "body": body or "",
        "title_normalized": title_normalized,
        "body_normalized": body_normalized,
        "title_tokens": title_tokens,
        "body_tokens": body_tokens,
        "language": language,
        "thread_id": fields.pop("thread_id", None),
        "handle": fields.pop("handle", None),
        "category_id": fields.pop("category_id", None),
        "author_id": fields.pop("author_id", None),
        "author_country": fields.pop("author_country", None),
        "resource_type": fields.pop("resource_type", None),
        "state": fields.pop("state", None),
        "original_kind": fields.pop("original_kind", None),
        "original_id": fields.pop("original_id", None),
        "is_members_only": fields.pop("is_members_only", False),
        "created_at": fields.pop("created_at"),
    }


# Visibility: what is in the index is what any member may see.


def thread_is_visible(thread: Thread) -> bool:
    return not (
        thread.is_hidden
        or getattr(thread, "is_pending", False)
        or getattr(thread, "merged_into_id", None)
    )


def post_is_visible(post: Post, thread: Thread) -> bool:
    return thread_is_visible(thread) and not (
        post.is_deleted or post.is_hidden or getattr(post, "is_pending", False)
    )


# Documents


def thread_document(thread: Thread, opening: Post | None, country: str | None) -> dict:
    """A thread: its title, and the opening post's words as its body."""
    body = html_to_text(opening.body_html) if opening and post_is_visible(opening, thread) else ""
    return _document(
        kind="thread",
        object_id=thread.id,
        thread_id=thread.id,
        title=thread.title,
        body=body,
        language=thread.language,
        category_id=thread.category_id,
        author_id=thread.author_id,
        author_country=country,
        created_at=thread.created_at,
    )


def post_document(post: Post, thread: Thread, country: str | None) -> dict:
    """A reply. Its thread's title is shown with it, but only its own words match."""
    document = _document(
        kind="post",
        object_id=post.id,
        thread_id=thread.id,
        title="",
        body=html_to_text(post.body_html),
        language=post.language,
        category_id=thread.category_id,
        author_id=post.author_id,
        author_country=country,
        created_at=post.created_at,
    )
    document["title"] = thread.title[:TITLE_LIMIT]
    return document


def resource_document(resource: Resource) -> dict:
    tags = " ".join(tag.name for tag in resource.tags)
    body = " ".join(
        p for p in (html_to_text(resource.description_html), tags, resource.source) if p
    )
    return _document(
        kind="resource",
        object_id=resource.id,
        title=resource.title,
        body=body,
        language=resource.original_language,
        author_id=resource.sharer_id,
        author_country=resource.sharer.country if resource.sharer else resource.country,
        resource_type=str(resource.type.value),
        created_at=resource.created_at,
    )


def event_is_visible(event: Event) -> bool:
    """Published and cancelled events (a cancelled one is found marked); never drafts
    or hidden events."""
    return event.state in ("published", "cancelled") and not event.is_hidden


def event_document(event: Event) -> dict:
    """An event: its title; its description, city, venue and programme as its body. Its
    date is its start (the search page's period filter finds events of a period) and
    its country is the event's own (the country filter)."""
    programme = event.programme.title if event.programme else ""
    parts = (html_to_text(event.description_html), event.city, event.venue, programme)
    return _document(
        kind="event",
        object_id=event.id,
        title=event.title,
        body=" ".join(p for p in parts if p),
        language=event.language,
        author_id=event.created_by_id,
        author_country=event.country,
        state=str(getattr(event.state, "value", event.state)),
        created_at=event.starts_at,
    )


def member_document(member: Member) -> dict:
    """A profile. The language of a bio is unknown: it is stemmed in all six languages."""
    expertise = " ".join(e.tag.replace("_", " ") for e in member.expertise)
    parts = (member.organisation, member.city, html_to_text(member.bio_html), expertise)
    return _document(
        kind="member",
        object_id=member.id,
        handle=member.handle,
        title=f"{member.display_name} {member.handle}",
        body=" ".join(p for p in parts if p),
        language=None,
        author_id=member.id,
        author_country=member.country,
        is_members_only=not member.is_public,
        created_at=member.created_at,
    ) | {"title": member.display_name[:TITLE_LIMIT]}


def new_member_document(member: Member) -> dict:
    """A member just registered: name, handle, organisation; no profile yet."""
    return _document(
        kind="member",
        object_id=member.id,
        handle=member.handle,
        title=f"{member.display_name} {member.handle}",
        body=" ".join(p for p in (member.organisation, member.city) if p),
        language=None,
        author_id=member.id,
        author_country=member.country,
        is_members_only=member.visibility != "public",
        created_at=member.created_at,
    ) | {"title": member.display_name[:TITLE_LIMIT]}


# Writing


def _delete(kind: str, object_ids: Iterable[int]) -> None:
    ids = list(object_ids)
    if ids:
        db.session.execute(
            delete(SearchDocument).where(
                SearchDocument.kind == kind, SearchDocument.object_id.in_(ids)
            ),
            execution_options={"synchronize_session": False},
        )


def write_documents(documents: list[dict]) -> None:
    """Insert, or replace what another request wrote for the same object meanwhile."""
    for keys in {tuple(d) for d in documents}:  # one statement per shape of row
        rows = [d for d in documents if tuple(d) == keys]
        statement = dialect_insert(SearchDocument)
        changes = {k: statement.excluded[k] for k in keys if k not in ("kind", "object_id")}
        db.session.execute(
            statement.on_conflict_do_update(index_elements=["kind", "object_id"], set_=changes),
            rows,
        )


def index_thread(thread: Thread) -> None:
    """The thread's own row (title and opening post); replies stay as they are."""
    from cop.threads.models import Post

    _delete("thread", [thread.id])
    if thread_is_visible(thread):
        opening = db.session.scalar(
            select(Post).where(Post.thread_id == thread.id, Post.position == 1)
        )
        country = thread.author.country if thread.author else None
        write_documents([thread_document(thread, opening, country)])
    # Replies show their thread's title: keep it current.
    db.session.execute(
        update(SearchDocument)
        .where(
            SearchDocument.kind == "post",
            SearchDocument.thread_id == thread.id,
            SearchDocument.title != thread.title[:TITLE_LIMIT],
        )
        .values(title=thread.title[:TITLE_LIMIT]),
        execution_options={"synchronize_session": False},
    )


def index_post(post: Post) -> None:
    if post.is_opening:
        index_thread(post.thread)
        return
    _delete("post", [post.id])
    if post_is_visible(post, post.thread):
        country = post.author.country if post.author else None
        write_documents([post_document(post, post.thread, country)])


def index_thread_tree(thread: Thread) -> None:
    """The thread and all its replies: after it is hidden, shown, approved, moved..."""
    from cop.members.models import Member
    from cop.threads.models import Post

    rows = db.session.execute(
        select(Post, Member.country)
        .outerjoin(Member, Member.id == Post.author_id)
        .where(Post.thread_id == thread.id)
    ).all()
    db.session.execute(
        delete(SearchDocument).where(
            SearchDocument.kind == "post",
            or_(
                SearchDocument.thread_id == thread.id,
                SearchDocument.object_id.in_([p.id for p, _ in rows] or [0]),
            ),
        ),
        execution_options={"synchronize_session": False},
    )
    index_thread(thread)
    if thread_is_visible(thread):
        write_documents(
            [
                post_document(post, thread, country)
                for post, country in rows
                if not post.is_opening and post_is_visible(post, thread)
            ]
        )


def index_resource(resource: Resource) -> None:
    _delete("resource", [resource.id])
    if not resource.is_removed:
        write_documents([resource_document(resource)])


def index_event(event: Event) -> None:
    _delete("event", [event.id])
    if event_is_visible(event):
        write_documents([event_document(event)])


def index_member(member: Member) -> None:
    _delete("member", [member.id])
    write_documents([member_document(member)])
    db.session.execute(
        update(SearchDocument)
        .where(SearchDocument.author_id == member.id, SearchDocument.kind != "member")
        .values(author_country=member.country),
        execution_options={"synchronize_session": False},
    )


def forget_member(member: Member) -> None:
    """A leaving member: no profile any more, their content becomes a former member's."""
    _delete("member", [member.id])
    db.session.execute(
        update(SearchDocument)
        .where(SearchDocument.author_id == member.id)
        .values(author_id=None, author_country=None),
        execution_options={"synchronize_session": False},
    )
