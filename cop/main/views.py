"""The home page and the language switcher."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_login import current_user

from cop.extensions import db
from cop.i18n import SESSION_KEY, is_supported
from cop.navigation import safe_next_url
from cop.pagecache import cached_for_visitors
from cop.threads import queries as thread_queries

bp = Blueprint("main", __name__)


@bp.get("/")
@cached_for_visitors
def home():
    latest = thread_queries.latest_threads(current_user)
    return render_template(
        "main/home.html",
        latest_threads=latest,
        unread_threads=thread_queries.unread_thread_ids(current_user, latest),
        home_categories=thread_queries.list_categories(include_archived=False),
    )


@bp.post("/language")
def set_language():
    code = request.form.get("locale")
    if not is_supported(code):
        abort(400)
    session[SESSION_KEY] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.home"))
