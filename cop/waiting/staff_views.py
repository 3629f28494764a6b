"""Moderators' view of the threads waiting for an answer, per language: how many, the
oldest wait, and the list of one language: where the community needs a bridge."""

from __future__ import annotations

from flask import render_template, request

from cop.bounds import parse_page
from cop.permissions import moderator_required
from cop.waiting import bp, queries


@bp.get("/languages")
@moderator_required
def by_language():
    waits = queries.waits_by_language()
    asked = request.args.get("language")
    known = {wait.language for wait in waits}
    language = asked if asked in known else queries.language_filter(asked)
    if language is None and waits:
        language = waits[0].language
    number = parse_page(request.args.get("page"))
    page = queries.waiting_threads([language] if language else [], number)
    return render_template(
        "waiting/by_language.html",
        waits=waits,
        language=language,
        page=page,
        list_args={"language": language} if language else {},
    )
