"""The originals a translation is made from: how to find one, who may see it, what its
text is, the language it was written in and the digest that tells a translation it is
outdated."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cop.extensions import db
from cop.permissions import can_see_post, can_see_resource, can_see_thread
from cop.resources.models import Resource
from cop.threads.models import Category, Post, Thread


@dataclass(frozen=True)
class Original:
    """One translatable text as it is now: `title` and/or `body` (Markdown source)."""

    kind: str
    object_id: int
    obj: Any
    language: str
    title: str | None
    body: str

    @property
    def digest(self) -> str:
        return digest_of(self.title, self.body)

    @property
    def has_title(self) -> bool:
        return self.title is not None

    @property
    def has_body(self) -> bool:
        return self.kind != "thread"


def digest_of(title: str | None, body: str) -> str:
    """sha256 of the original's words: changes when the title or body is edited."""
    text = f"{title or ''}\x00{body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_original(kind: str, object_id: int) -> Original | None:
    """The original named by (kind, id), or None if there is none (or it is deleted)."""
    if kind == "post":
        post = db.session.get(Post, object_id)
        if post is None or post.is_deleted:
            return None
        return Original(kind, post.id, post, post.language, None, post.body_source)
    if kind == "thread":
        thread = db.session.get(Thread, object_id)
        if thread is None or thread.merged_into_id is not None:
            return None
        return Original(kind, thread.id, thread, thread.language, thread.title, "")
    if kind == "resource":
        resource = db.session.get(Resource, object_id)
        if resource is None or resource.is_removed:
            return None
        return Original(
            kind,
            resource.id,
            resource,
            resource.original_language,
            resource.title,
            resource.description_source,
        )
    if kind == "category":
        category = db.session.get(Category, object_id)
        if category is None:
            return None
        found = category.translation(category.original_locale)
        return Original(
            kind,
            category.id,
            category,
            category.original_locale,
            None,
            found.description if found else "",
        )
    return None


def can_see_original(member: Any, original: Original) -> bool:
    """A translation is shown only where its original is: never a hidden or pending
    post's, thread's or resource's words, by any URL."""
    if original.kind == "post":
        return can_see_post(member, original.obj)
    if original.kind == "thread":
        return can_see_thread(member, original.obj)
    if original.kind == "resource":
        return can_see_resource(member, original.obj)
    return True  # a table's description is public
