"""The small line under an original: the translations that exist (outdated ones marked)
and "Translate", for the reader.

Templates ask `translation_line(kind, obj)` (a Jinja global set here, so the thread,
resource and table templates never import this package). Under a thread page's posts,
the first call loads the translations of every post of the page in one query; the line
is inside the posts region, whose key holds the thread's version (a translation added,
edited or removed, or the post edited, changes it) and what the reader may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, g, url_for
from flask_login import current_user
from jinja2 import pass_context

from cop.i18n import interface_language
from cop.translations.models import ContentTranslation
from cop.translations.permissions import can_translate
from cop.translations.queries import member_translations_of
from cop.translations.sources import Original, load_original


@dataclass(frozen=True)
class Item:
    translation: ContentTranslation
    outdated: bool


@dataclass(frozen=True)
class Line:
    items: list[Item]
    translate_url: str | None

    def __bool__(self) -> bool:
        return bool(self.items or self.translate_url)


def translate_url(original: Original, language: str | None = None) -> str:
    """The add form, the reader's language chosen unless the original is in it."""
    chosen = language or interface_language()
    return url_for(
        "translations.add",
        kind=original.kind,
        object_id=original.object_id,
        language=chosen if chosen != original.language else None,
    )


def _page_ids(context: Any, kind: str, object_id: int) -> list[int]:
    """The posts of the thread page being rendered (its `page`), so one query serves
    every post's line; any other page asks for its one object."""
    page = context.get("page") if kind == "post" else None
    ids = [item[0] for item in getattr(page, "items", None) or () if isinstance(item, tuple)]
    return ids if object_id in ids else [object_id]


def _translations(kind: str, ids: list[int]) -> dict[int, list[ContentTranslation]]:
    loaded = g.setdefault("cop_translation_lines", {})
    key = (kind, tuple(ids))
    if key not in loaded:
        loaded[key] = member_translations_of(kind, ids)
    return loaded[key]


def line_for(original: Original, translations: list[ContentTranslation], reader: Any) -> Line:
    digest = original.digest
    items = [Item(t, t.source_digest != digest) for t in translations]
    url = translate_url(original) if can_translate(reader, original) else None
    return Line(items, url)


@pass_context
def translation_line(context: Any, kind: str, obj: Any) -> Line:
    original = load_original(kind, obj.id)
    if original is None:
        return Line([], None)
    found = _translations(kind, _page_ids(context, kind, obj.id))
    return line_for(original, found.get(obj.id, []), current_user._get_current_object())


def init_app(app: Flask) -> None:
    app.jinja_env.globals["translation_line"] = translation_line
