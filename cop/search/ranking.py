"""Finding and ranking the matches: ONE statement returns the counts per kind and the
ranked ids of one page, the same matching on SQLite (FTS5) and PostgreSQL (tsvector).

Only what the visitor may see is matched (members-only documents need a signed-in
visitor); the words, quoted phrases and filters come from cop.search.query.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

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
from cop.search.models import KINDS, MEMBERS_ONLY_KINDS, SearchDocument
from cop.search.query import ParsedQuery, SearchFilters, fts5_expression, tsquery_expression


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
    if filters.answered:
        conditions.append(SearchDocument.thread_id.in_(_answered_threads()))
    if filters.date_from:
        start = datetime.combine(filters.date_from, time.min, tzinfo=UTC)
        conditions.append(SearchDocument.created_at >= start)
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=UTC)
        conditions.append(SearchDocument.created_at < end)
    return conditions


def _answered_threads():
    """The threads with a marked answer in a Q&A table (cop/reactions keeps the mark)."""
    from cop.threads.models import Category, Thread

    return (
        select(Thread.id)
        .join(Category, Category.id == Thread.category_id)
        .where(Thread.answer_post_id.is_not(None), Category.is_qa.is_(True))
    )


def counted_and_ranked(
    query: ParsedQuery,
    filters: SearchFilters,
    kind: str,
    *,
    signed_in: bool,
    limit: int,
    offset: int,
) -> tuple[dict[str, int], list[tuple[int, bool]]]:
    """({kind: count}, [(id, is_title_match), ...] of one page of `kind`) in ONE statement."""
    build = _fts5_counted_and_ranked if _is_sqlite() else _tsvector_counted_and_ranked
    statement = build(query, filters, kind, signed_in=signed_in, limit=limit, offset=offset)
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
