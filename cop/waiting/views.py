"""The "Waiting for an answer" page: threads nobody but their author has answered, in
the languages the reader reads, oldest first.

A visitor reads the interface's language: the page is the same for every visitor with
the same address and language, so it may be kept whole (cop.pagecache, keyed by both).
A member's page also depends on the languages of their profile: rendered for them,
never kept; no fragment of it is cached.
"""

from __future__ import annotations

from babel.lists import format_list
from flask import render_template, request
from flask_babel import get_locale
from flask_login import current_user

from cop.bounds import parse_page
from cop.i18n import DEFAULT_LOCALE, language_name
from cop.pagecache import cached_for_visitors
from cop.waiting import bp, queries


@bp.get("/")
@cached_for_visitors
def index():
    member = current_user._get_current_object()
    mine = queries.reader_languages(member)
    language = queries.language_filter(request.args.get("language"))
    number = parse_page(request.args.get("page"))
    page = queries.waiting_threads([language] if language else mine, number)
    names = format_list(
        [language_name(code) for code in mine], locale=get_locale() or DEFAULT_LOCALE
    )
    return render_template(
        "waiting/index.html",
        page=page,
        language=language,
        my_language_names=names,
        list_args={"language": language} if language else {},
    )
