"""What a reader is shown in place of an original (a translation into their language):
cop.translations, a package above this one, registers how to find it; without it,
every page shows the originals.

- page(reader, thread, post_ids, original) -> a reading of one thread page, asked before
  the page renders: `.key` (the reader's part of the page's regions' keys),
  `.translating`, `.available`, `.language`, `.title` and `.for_post(post)`;
- titles(threads) -> {thread id: translated title}, asked when a list's region renders;
- signature(reader) -> the reader's part of a list region's key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

_registered: dict[str, Callable[..., Any]] = {}


def register(
    *,
    page: Callable[..., Any],
    titles: Callable[[Iterable[Any]], dict[int, Any]],
    signature: Callable[[Any], str],
) -> None:
    _registered.update(page=page, titles=titles, signature=signature)


def page_reading(reader: Any, thread: Any, post_ids: list[int], original: int | None) -> Any:
    """The page's reading, or None when nothing translates."""
    page = _registered.get("page")
    return page(reader, thread, post_ids, original) if page else None


def titles_shown(threads: Iterable[Any]) -> dict[int, Any]:
    titles = _registered.get("titles")
    return titles(threads) if titles else {}


def reading_signature(reader: Any) -> str:
    signature = _registered.get("signature")
    return signature(reader) if signature else ""
