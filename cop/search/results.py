"""Searching the index: the counts per kind and one page of results, shaped for the page
(two queries: the counts with the ranked ids of one page, then that page's documents).

Results hold only what members may see (the index keeps nothing else). Moderators get no
hidden content here either: they find it in the moderation queue and in the threads,
where it is marked; a search result should never be the place a hidden post shows up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select

from cop.extensions import db
from cop.search.highlight import highlight
from cop.search.models import KINDS, SearchDocument
from cop.search.query import ParsedQuery, SearchFilters
from cop.search.ranking import counted_and_ranked

PER_PAGE = 20


@dataclass
class Hit:
    kind: str
    object_id: int
    thread_id: int | None
    handle: str | None
    language: str | None
    created_at: datetime
    title: Markup
    snippet: Markup
    is_title_match: bool
    state: str | None = None  # an event's: "cancelled" is shown as a mark
    # A translation's original ("post", "thread", "resource") and its id: the link.
    original_kind: str | None = None
    original_id: int | None = None


@dataclass
class SearchResults:
    query: ParsedQuery
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    number: int = 1
    pages: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def search(
    query: ParsedQuery,
    filters: SearchFilters,
    *,
    signed_in: bool,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """The counts per kind and one page of the chosen kind (or the first with results).

    One statement finds the matches once and returns both the counts and the ids of the
    page (see cop.search.ranking); a second loads the documents of that page. A third
    runs only when the guess it made was wrong: no kind chosen and no thread matches, or
    a page past the last.
    """
    if query.is_empty:
        return SearchResults(query=query, kind=filters.kind or KINDS[0])
    kind = filters.kind or KINDS[0]
    number = max(page, 1)
    counts, ranked = counted_and_ranked(
        query, filters, kind, signed_in=signed_in, limit=per_page, offset=(number - 1) * per_page
    )
    if not filters.kind and not counts[kind]:
        kind = next((k for k in KINDS if counts[k]), kind)
    pages = math.ceil(counts[kind] / per_page)
    clamped = min(number, max(pages, 1))
    if counts[kind] and (kind != (filters.kind or KINDS[0]) or clamped != number):
        _, ranked = counted_and_ranked(
            query,
            filters,
            kind,
            signed_in=signed_in,
            limit=per_page,
            offset=(clamped - 1) * per_page,
        )
    results = SearchResults(query=query, kind=kind, counts=counts, number=clamped, pages=pages)
    if ranked:
        results.hits = _hits(ranked, query)
    return results


def _hits(ranked: list[tuple[int, bool]], query: ParsedQuery) -> list[Hit]:
    """The page's documents, in rank order, with only the columns the page shows."""
    columns = (
        SearchDocument.id,
        SearchDocument.kind,
        SearchDocument.object_id,
        SearchDocument.thread_id,
        SearchDocument.handle,
        SearchDocument.language,
        SearchDocument.created_at,
        SearchDocument.title,
        SearchDocument.body,
        SearchDocument.state,
        SearchDocument.original_kind,
        SearchDocument.original_id,
    )
    rows = db.session.execute(
        select(*columns).where(SearchDocument.id.in_([id_ for id_, _ in ranked]))
    )
    by_id = {row.id: row for row in rows}
    return [_hit(by_id[id_], query, is_title_match) for id_, is_title_match in ranked]


def _hit(document, query: ParsedQuery, is_title_match: bool) -> Hit:
    return Hit(
        kind=document.kind,
        object_id=document.object_id,
        thread_id=document.thread_id,
        handle=document.handle,
        language=document.language,
        created_at=document.created_at,
        title=highlight(document.title, query, document.language, whole=True),
        snippet=highlight(document.body, query, document.language),
        is_title_match=is_title_match,
        state=document.state,
        original_kind=document.original_kind,
        original_id=document.original_id,
    )
