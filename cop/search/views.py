"""The search page: GET /search/?q=..., tabs per kind, filters, pages; no JavaScript."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import select

from cop.bounds import parse_date, parse_id, parse_page
from cop.extensions import db
from cop.fragments import Deferred, region_key
from cop.i18n import PARTNER_COUNTRIES, SUPPORTED_LOCALES
from cop.pagecache import cached_for_visitors
from cop.permissions import is_member
from cop.search import bp
from cop.search.models import KINDS
from cop.search.query import SearchFilters, parse_query
from cop.search.results import search
from cop.translations.shown import signature, titles_of_hits

FILTER_ARGS = ("kind", "table", "language", "country", "type", "from", "to", "answered")


def _filters_from(args) -> SearchFilters:
    from cop.resources.models import ResourceType

    language = args.get("language")
    country = (args.get("country") or "").upper()
    type_ = args.get("type")
    return SearchFilters(
        kind=args.get("kind") if args.get("kind") in KINDS else None,
        category_id=parse_id(args.get("table")),
        language=language if language in SUPPORTED_LOCALES else None,
        country=country if len(country) == 2 and country.isalpha() else None,
        resource_type=type_ if type_ in {t.value for t in ResourceType} else None,
        date_from=parse_date(args.get("from")),
        date_to=parse_date(args.get("to")),
        answered=args.get("answered") == "1",
    )


def _categories():
    from cop.threads.models import Category

    return db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()


@bp.get("/")
@cached_for_visitors
def index():
    query = parse_query(request.args.get("q"))
    filters = _filters_from(request.args)
    signed_in = is_member(current_user)
    page = parse_page(request.args.get("page"))
    from cop.resources.models import ResourceType

    args = {k: request.args[k] for k in FILTER_ARGS if request.args.get(k) and k != "kind"}
    address = sorted(request.args.items(multi=True))
    # Cached regions (cop.fragments): the index changes only with the content, so the
    # results of an address keep until the content version moves (or the minute).
    return render_template(
        "search/index.html",
        query=query,
        filters=filters,
        results=Deferred(lambda: search(query, filters, signed_in=signed_in, page=page)),
        results_key=region_key("search-results", address, signed_in, signature(current_user)),
        # Titles in the reader's language (cop.translations): asked when results render.
        translated_titles=titles_of_hits,
        form_key=region_key("search-form", address),
        kinds=KINDS,
        args=args,
        categories=Deferred(_categories),
        languages=SUPPORTED_LOCALES,
        countries=PARTNER_COUNTRIES,
        types=list(ResourceType),
    )
