"""Who may see a translation, and the originals of many translations at once.

A hidden translation is seen by moderators and its translator (who reads why, as a
post's author does); any translation is seen only where its original is
(`sources.can_see_original`): never a hidden, pending or deleted original's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.permissions import is_member, is_moderator
from cop.resources.models import Resource
from cop.threads.models import Category, Post, Thread
from cop.translations.models import ContentTranslation
from cop.translations.sources import can_see_original, load_original

MODELS = {"post": Post, "thread": Thread, "resource": Resource, "category": Category}


def is_translator(member: Any, translation: ContentTranslation) -> bool:
    return (
        is_member(member)
        and translation.translator_id is not None
        and translation.translator_id == member.id
    )


def can_see_translation(member: Any, translation: ContentTranslation) -> bool:
    """Shown to `member`: not hidden (or they moderate or translated it), and its
    original exists and is visible to them."""
    if translation.is_hidden and not (is_moderator(member) or is_translator(member, translation)):
        return False
    original = load_original(translation.kind, translation.object_id)
    return original is not None and can_see_original(member, original)


def load_originals(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """The originals named by (kind, id), one query per kind present (posts with their
    thread); missing ones are left out, deleted or hidden ones are not: check them."""
    wanted: dict[str, set[int]] = {}
    for kind, object_id in keys:
        if kind in MODELS:
            wanted.setdefault(kind, set()).add(object_id)
    found: dict[tuple[str, int], Any] = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        statement = select(model).where(model.id.in_(ids))
        if kind == "post":
            statement = statement.options(joinedload(Post.thread))
        for obj in db.session.scalars(statement).unique():
            found[(kind, obj.id)] = obj
    return found


def note_translation_changed(translation: ContentTranslation) -> None:
    """Pages showing the translation are rendered again after the commit. The row's own
    change names its family (cop/contentscopes.py); a post's thread is not on the row."""
    if translation.kind == "post":
        post = db.session.get(Post, translation.object_id)
        if post is not None:
            note_changed(db.session, "threads", thread_scope(post.thread_id))
