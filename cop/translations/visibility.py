"""The originals of many translations at once, and the pages to render again when one
changes. Who may see a translation is asked of cop/translations/permissions.py
(`can_see_translation`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.resources.models import Resource
from cop.threads.models import Category, Post, Thread
from cop.translations.models import ContentTranslation

MODELS = {"post": Post, "thread": Thread, "resource": Resource, "category": Category}


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
