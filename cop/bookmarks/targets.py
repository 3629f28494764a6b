"""What a bookmark points to, as its member may see it now.

A post, thread, resource or event that is hidden, deleted, removed or out of the
member's sight since it was bookmarked is *unavailable*: the bookmark shows that, and
never its title or words. Each kind loads all the bookmarked ones of a page at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from cop import permissions
from cop.bookmarks.models import BookmarkKind
from cop.events.models import Event
from cop.events.permissions import can_see_event
from cop.extensions import db
from cop.resources.models import Resource
from cop.threads.models import Post, Thread


@dataclass(frozen=True)
class Target:
    title: str
    endpoint: str  # its page, e.g. "threads.post"
    target_id: int
    language: str | None = None

    @property
    def url(self) -> str:
        argument = _ARGUMENT[self.endpoint]
        return url_for(self.endpoint, **{argument: self.target_id})


_ARGUMENT = {
    "threads.post": "post_id",
    "threads.show": "thread_id",
    "resources.show": "resource_id",
    "events.show": "event_id",
}


def _posts(member: Any, ids: list[int]) -> dict[int, Target]:
    posts = db.session.scalars(
        select(Post).where(Post.id.in_(ids)).options(joinedload(Post.thread))
    )
    return {
        post.id: Target(post.thread.title, "threads.post", post.id, post.language)
        for post in posts
        if not post.is_deleted and permissions.can_see_post(member, post)
    }


def _threads(member: Any, ids: list[int]) -> dict[int, Target]:
    threads = db.session.scalars(select(Thread).where(Thread.id.in_(ids)))
    return {
        thread.id: Target(thread.title, "threads.show", thread.id, thread.language)
        for thread in threads
        if permissions.can_see_thread(member, thread)
    }


def _resources(member: Any, ids: list[int]) -> dict[int, Target]:
    resources = db.session.scalars(select(Resource).where(Resource.id.in_(ids)))
    return {
        resource.id: Target(
            resource.title, "resources.show", resource.id, resource.original_language
        )
        for resource in resources
        if permissions.can_see_resource(member, resource)
    }


def _events(member: Any, ids: list[int]) -> dict[int, Target]:
    events = db.session.scalars(select(Event).where(Event.id.in_(ids)))
    return {
        event.id: Target(event.title, "events.show", event.id, event.language)
        for event in events
        if can_see_event(member, event)
    }


_LOADERS: dict[str, Callable[[Any, list[int]], dict[int, Target]]] = {
    BookmarkKind.POST: _posts,
    BookmarkKind.THREAD: _threads,
    BookmarkKind.RESOURCE: _resources,
    BookmarkKind.EVENT: _events,
}


def visible_targets(member: Any, pairs: list[tuple[str, int]]) -> dict[tuple[str, int], Target]:
    """The targets among `pairs` ((kind, id)) the member may see now; the others are
    left out (unavailable)."""
    by_kind: dict[str, set[int]] = {}
    for kind, target_id in pairs:
        by_kind.setdefault(kind, set()).add(target_id)
    found: dict[tuple[str, int], Target] = {}
    for kind, ids in by_kind.items():
        loader = _LOADERS.get(kind)
        if loader is not None:
            for target_id, target in loader(member, sorted(ids)).items():
                found[(kind, target_id)] = target
    return found


def visible_target(member: Any, kind: str, target_id: int) -> Target | None:
    return visible_targets(member, [(kind, target_id)]).get((kind, target_id))
