"""Keeping the index in step with the content: receivers of cop/signals.py signals.

They run inside the service's transaction, so the index commits (or rolls back) with the
content: hidden, deleted or removed content leaves the index in the same commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert

from cop import signals
from cop.search import index, translated

_connected = False


def _thread_or_post(sender: Any, **_kwargs) -> None:
    from cop.events.models import Event
    from cop.resources.models import Resource
    from cop.threads.models import Post, Thread

    if isinstance(sender, Thread):
        index.index_thread_tree(sender)
    elif isinstance(sender, Post):
        index.index_post(sender)
    elif isinstance(sender, Resource):
        index.index_resource(sender)
    elif isinstance(sender, Event):
        index.index_event(sender)


def _thread_changed(thread: Any, **kwargs) -> None:
    """Moved, merged or split: every thread involved, with its replies."""
    from cop.threads.models import Thread

    seen = set()
    for candidate in (thread, *kwargs.values()):
        if isinstance(candidate, Thread) and candidate.id not in seen:
            seen.add(candidate.id)
            index.index_thread_tree(candidate)


def _thread_started(thread: Any, **_kwargs) -> None:
    index.index_thread(thread)


def _post(post: Any, **_kwargs) -> None:
    index.index_post(post)


def _resource(resource: Any, **_kwargs) -> None:
    index.index_resource(resource)


def _resource_file(file: Any, **_kwargs) -> None:
    index.index_resource(file.resource)


def _event(event: Any, **_kwargs) -> None:
    index.index_event(event)


def _member_updated(member: Any, **_kwargs) -> None:
    index.index_member(member)


def _member_closing(member: Any, **_kwargs) -> None:
    index.forget_member(member)


def _member_registered(_mapper, connection, member: Any) -> None:
    """A new member's name is searchable at once (registration sends no signal)."""
    from cop.search.models import SearchDocument

    connection.execute(insert(SearchDocument.__table__).values(index.new_member_document(member)))


RECEIVERS = (
    (signals.thread_started, _thread_started),
    (signals.post_created, _post),
    (signals.post_edited, _post),
    (signals.post_deleted, _post),
    (signals.post_restored, _post),
    (signals.picture_removed, _thread_or_post),  # a post's words without it (not a message)
    (signals.content_hidden, _thread_or_post),
    (signals.content_shown, _thread_or_post),
    (signals.content_approved, _thread_or_post),
    (signals.content_rejected, _thread_or_post),
    (signals.thread_changed, _thread_changed),
    (signals.resource_shared, _resource),
    (signals.resource_updated, _resource),
    (signals.resource_file_added, _resource_file),
    (signals.resource_removed, _resource),
    (signals.resource_restored, _resource),
    (signals.event_created, _event),  # a draft: its row is removed, never written
    (signals.event_published, _event),
    (signals.event_changed, _event),
    (signals.event_cancelled, _event),
    (signals.event_hidden, _event),
    (signals.event_shown, _event),
    (signals.member_updated, _member_updated),
    (signals.member_closing, _member_closing),
)


def connect() -> None:
    """Connect once per process (create_app may run many times, in tests)."""
    global _connected
    if _connected:
        return
    from cop.members.models import Member

    for signal, receiver in (*RECEIVERS, *translated.RECEIVERS):
        signal.connect(receiver)
    event.listen(Member, "after_insert", _member_registered)
    _connected = True
