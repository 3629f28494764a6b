"""Searching the index: two queries per page (the counts per kind with the ranked ids of
one page, then that page's documents), the same matching on SQLite (FTS5) and
PostgreSQL (tsvector).

Results hold only what members may see (the index keeps nothing else). Moderators get no
hidden content here either: they find it in the moderation queue and in the threads,
where it is marked; a search result should never be the place a hidden post shows up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from markupsafe import Markup
from sqlalchemy import (
    case,
    column,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    table,
    union_all,
)

from cop.extensions import db
from cop.search.highlight import highlight
from cop.search.models import KINDS, MEMBERS_ONLY_KINDS, SearchDocument
from cop.search.query import ParsedQuery, fts5_expression, tsquery_expression

PER_PAGE = 20


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    category_id: int | None = None
    language: str | None = None
    country: str | None = None
    resource_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None


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


def _is_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def _conditions(
    query: ParsedQuery, filters: SearchFilters, *, signed_in: bool, kind: str | None = None
) -> list:
    """The conditions on search_documents besides the words: what the visitor may see,
    quoted phrases, the filters. Given a kind, only those that can exclude one of its
    documents (only profiles are ever members-only)."""
    conditions = []
    if not signed_in and (kind is None or kind in MEMBERS_ONLY_KINDS):
        conditions.append(SearchDocument.is_members_only.is_(False))
    for phrase in query.phrases:
        pattern = f"% {phrase} %"
        conditions.append(
            or_(
                (literal(" ") + SearchDocument.title_normalized + literal(" ")).like(pattern),
                (literal(" ") + SearchDocument.body_normalized + literal(" ")).like(pattern),
            )
        )
    if filters.category_id:
        conditions.append(SearchDocument.category_id == filters.category_id)
    if filters.language:
        conditions.append(SearchDocument.language == filters.language)
    if filters.country:
        conditions.append(SearchDocument.author_country == filters.country)
    if filters.resource_type:
        conditions.append(SearchDocument.resource_type == filters.resource_type)
    if filters.date_from:
        start = datetime.combine(filters.date_from, time.min, tzinfo=UTC)
        conditions.append(SearchDocument.created_at >= start)
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=UTC)
        conditions.append(SearchDocument.created_at < end)
    return conditions


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
    page (see _counted_and_ranked); a second loads the documents of that page. A third
    runs only when the guess it made was wrong: no kind chosen and no thread matches, or
    a page past the last.
    """
    if query.is_empty:
        return SearchResults(query=query, kind=filters.kind or KINDS[0])
    kind = filters.kind or KINDS[0]
    number = max(page, 1)
    counts, ranked = _counted_and_ranked(
        query, filters, kind, signed_in=signed_in, limit=per_page, offset=(number - 1) * per_page
    )
    if not filters.kind and not counts[kind]:
        kind = next((k for k in KINDS if counts[k]), kind)
    pages = math.ceil(counts[kind] / per_page)
    clamped = min(number, max(pages, 1))
    if counts[kind] and (kind != (filters.kind or KINDS[0]) or clamped != number):
        _, ranked = _counted_and_ranked(
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


def _counted_and_ranked(
    query: ParsedQuery,
    filters: SearchFilters,
    kind: str,
    *,
    signed_in: bool,
    limit: int,
    offset: int,
) -> tuple[dict[str, int], list[tuple[int, bool]]]:
    """({kind: count}, [(id, is_title_match), ...] of one page of `kind`) in ONE statement."""
    if _is_sqlite():
        statement = _fts5_counted_and_ranked(
            query, filters, kind, signed_in=signed_in, limit=limit, offset=offset
        )
    else:
        statement = _tsvector_counted_and_ranked(
            query, filters, kind, signed_in=signed_in, limit=limit, offset=offset
        )
    counts = dict.fromkeys(KINDS, 0)
    ranked: list[tuple[int, int, bool]] = []
    for row_kind, number, is_title_match, position in db.session.execute(statement):
        if position is None:
            counts[row_kind] = number
        else:
            ranked.append((position, number, bool(is_title_match)))
    return counts, [(id_, is_title_match) for _, id_, is_title_match in sorted(ranked)]


# SQLite: the FTS5 table search_fts(title_tokens, body_tokens, kind) (migration 0010).
_FTS = table("search_fts", column("rowid"))
_FTS_TABLE = literal_column("search_fts")


def _fts5_match(query: ParsedQuery, kind: str) -> str:
    """'kind : "thread" AND (...)'. The words are kept off the kind column only when one
    of them could match it (a word may stem to "post"): the column filter slows FTS5."""
    words = fts5_expression(query)
    if not query.stems.isdisjoint(KINDS):
        words = f"{{title_tokens body_tokens}} : ({words})"
    return f'kind : "{kind}" AND ({words})'


def _fts5_counted_and_ranked(
    query: ParsedQuery,
    filters: SearchFilters,
    kind: str,
    *,
    signed_in: bool,
    limit: int,
    offset: int,
):
    """Each kind is counted, and the chosen one ranked, by its own MATCH: the full-text
    index filters by kind, so a match is read from search_documents only when a
    condition needs it (the ranking's tie-break on created_at, filters, phrases).

    bm25 gives the kind column weight 0; its length normalisation still counts the one
    kind token of every row, which can swap near-ties (measured: two neighbours of 20).
    """
    counting = []
    for each in KINDS:
        statement = select(
            literal(each).label("kind"),
            func.count().label("n"),
            null().label("title_hit"),
            null().label("position"),
        ).select_from(_FTS)
        conditions = _conditions(query, filters, signed_in=signed_in, kind=each)
        if conditions:
            statement = statement.join(SearchDocument, SearchDocument.id == _FTS.c.rowid)
        counting.append(statement.where(_FTS_TABLE.match(_fts5_match(query, each)), *conditions))
    # bm25() only runs while FTS5 reads its rows: score in a materialized CTE, then rank.
    matches = (
        select(
            SearchDocument.id.label("id"),
            func.bm25(_FTS_TABLE, 10.0, 1.0, 0.0).label("score"),
            (func.bm25(_FTS_TABLE, 1.0, 0.0, 0.0) < 0).label("title_hit"),
            SearchDocument.created_at.label("created_at"),
        )
        .select_from(SearchDocument)
        .join(_FTS, _FTS.c.rowid == SearchDocument.id)
        .where(
            _FTS_TABLE.match(_fts5_match(query, kind)),
            *_conditions(query, filters, signed_in=signed_in, kind=kind),
        )
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    order = (
        matches.c.title_hit.desc(),
        matches.c.score,
        matches.c.created_at.desc(),
        matches.c.id.desc(),
    )
    page = (
        select(
            literal(kind).label("kind"),
            matches.c.id,
            matches.c.title_hit,
            func.row_number().over(order_by=order).label("position"),
        )
        .order_by(*order)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    return union_all(*counting, select(page))


def _tsvector_counted_and_ranked(
    query: ParsedQuery,
    filters: SearchFilters,
    kind: str,
    *,
    signed_in: bool,
    limit: int,
    offset: int,
):
    """PostgreSQL: the matches are found once (a materialized CTE) with their kind, and
    scored only for the rows of `kind`; the counts and the page both read it."""
    vector = literal_column("search_documents.search_fts_vector")
    tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery_expression(query))
    score = -func.ts_rank(vector, tsquery)
    title_hit = func.ts_rank(literal_column("'{0,0,0,1}'::float4[]"), vector, tsquery) > 0
    of_kind = SearchDocument.kind == kind
    matches = select(
        SearchDocument.id.label("id"),
        SearchDocument.kind.label("kind"),
        case((of_kind, score)).label("score"),
        case((of_kind, title_hit)).label("title_hit"),
        case((of_kind, SearchDocument.created_at)).label("created_at"),
    ).where(vector.op("@@")(tsquery), *_conditions(query, filters, signed_in=signed_in))
    m = matches.cte("matches").prefix_with("MATERIALIZED")
    counting = select(
        m.c.kind, func.count().label("n"), null().label("title_hit"), null().label("position")
    ).group_by(m.c.kind)
    order = (m.c.title_hit.desc(), m.c.score, m.c.created_at.desc(), m.c.id.desc())
    page = (
        select(
            m.c.kind,
            m.c.id,
            m.c.title_hit,
            func.row_number().over(order_by=order).label("position"),
        )
        .where(m.c.kind == kind)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    return union_all(counting, select(page))


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
    )


def rebuild_index() -> dict[str, int]:
    """Empty the index and write it again from the content (the caller commits)."""
    from cop.search.rebuild import rebuild_index as rebuild

    return rebuild()
