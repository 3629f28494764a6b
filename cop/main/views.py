"""The home page and the language switcher."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_login import current_user

from cop.events import queries as event_queries
from cop.events.display import when
from cop.events.forms import FORMAT_LABELS
from cop.extensions import db
from cop.fragments import Deferred
from cop.i18n import SESSION_KEY, is_supported, select_timezone
from cop.main import bp
from cop.navigation import safe_next_url
from cop.pagecache import cached_for_visitors
from cop.threads import fragments as thread_fragments
from cop.threads import queries as thread_queries


@bp.get("/")
@cached_for_visitors
def home():
    # Cached regions (cop.fragments): the threads and tables load only on a miss.
    reader = current_user._get_current_object()
    language = request.args.get("language")
    language = language if is_supported(language) else None  # an unknown one: every one
    marks = thread_queries.latest_thread_marks(reader, language=language)
    unread = thread_queries.unread_among(reader, marks)
    return render_template(
        "main/home.html",
        latest_threads=Deferred(lambda: thread_queries.latest_threads(reader, language=language)),
        latest_key=thread_fragments.thread_list_key("home-latest", reader, marks, unread, language),
        latest_language=language,
        unread_threads=unread,
        home_categories=Deferred(lambda: thread_queries.list_categories(include_archived=False)),
        next_events=Deferred(_next_events),
        format_labels=FORMAT_LABELS,
    )


def _next_events() -> list:
    zone = select_timezone()
    return [(event, when(event, zone)) for event in event_queries.next_events()]


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
