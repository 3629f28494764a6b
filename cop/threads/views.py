"""Discussions read: thread lists, thread pages, a post's address and history, feeds.

Writing is in cop.threads.write_views, the tables' admin pages in category_views."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from cop import permissions
from cop.bounds import parse_int
from cop.drafts import writing as drafts
from cop.extensions import db
from cop.fragments import Deferred
from cop.i18n import SUPPORTED_LOCALES, interface_language
from cop.pagecache import cached_for_visitors
from cop.threads import bp, feeds, fragments, listing, queries, reading, shown
from cop.threads.drafting import REPLY
from cop.threads.forms import ReplyForm, new_client_token
from cop.threads.models import Category, Post, Thread
from cop.watching.models import TargetType
from cop.watching.services import watch_state


@bp.record_once
def _fragment_keys(state) -> None:
    """Keys of the cached rows and cards (the home page and profiles list threads too)."""
    state.app.jinja_env.globals.update(
        thread_row_key=fragments.thread_row_key,
        category_card_key=fragments.category_card_key,
        titles_shown=shown.titles_shown,
    )


@bp.context_processor
def _permissions() -> dict:
    return {
        "can_reply": permissions.can_reply,
        "can_edit_post": permissions.can_edit_post,
        "can_delete_post": permissions.can_delete_post,
        "can_restore_post": permissions.can_restore_post,
        "can_see_post": permissions.can_see_post,
        "can_start_thread": permissions.can_start_thread,
        "can_manage_categories": permissions.can_manage_categories,
        "content_languages": SUPPORTED_LOCALES,
    }


def signed_in_member():
    """The member reading the page, or None for a visitor."""
    return current_user._get_current_object() if current_user.is_authenticated else None


# Lists


def _list_filters(category: Category | None) -> listing.ThreadFilter:
    sort = request.args.get("sort", "activity")
    language = request.args.get("language") or None
    return listing.ThreadFilter(
        category=category,
        sort=sort if sort in queries.SORTS else "activity",
        unanswered=request.args.get("unanswered") == "1",
        language=language if language in SUPPORTED_LOCALES else None,
    )


def _list_args(filters: listing.ThreadFilter) -> dict:
    args = {"sort": filters.sort if filters.sort != "activity" else None}
    args["unanswered"] = "1" if filters.unanswered else None
    args["language"] = filters.language
    return {k: v for k, v in args.items() if v}


@bp.get("/")
@cached_for_visitors
def index():
    filters = _list_filters(None)
    return render_template(
        "threads/index.html",
        **_thread_list(filters, "thread-list"),
        filters=filters,
        list_args=_list_args(filters),
        categories=Deferred(queries.list_categories),
    )


@bp.get("/tables")
@cached_for_visitors
def categories():
    return render_template("threads/categories.html", categories=queries.list_categories())


@bp.get("/tables/<slug>")
@cached_for_visitors
def category(slug: str):
    table = queries.category_by_slug(slug) or abort(404)
    filters = _list_filters(table)
    return render_template(
        "threads/category.html",
        **_thread_list(filters, "table-list"),
        category=table,
        filters=filters,
        list_args=_list_args(filters),
        watch=watch_state(signed_in_member(), TargetType.CATEGORY, table.id),
    )


def _thread_list(filters: listing.ThreadFilter, kind: str) -> dict:
    """A page of threads as a cached region: its key from the threads' ids and the
    reader's unread ones; the threads themselves loaded only to render it."""
    reader = current_user._get_current_object()
    number = queries.clamp_page(request.args.get("page"))
    marks = listing.thread_marks(reader, filters, number)
    unread = queries.unread_among(reader, marks)
    return {
        "listing": Deferred(lambda: listing.list_threads(reader, filters, number)),
        "list_key": fragments.thread_list_key(kind, reader, marks, unread, filters, number),
        "unread": unread,
    }


# A thread and its posts


def visible_thread(thread_id: int) -> Thread:
    thread = queries.get_thread(thread_id)
    if thread is not None and thread.merged_into_id and not permissions.is_moderator(current_user):
        abort(redirect(url_for("threads.show", thread_id=thread.merged_into_id), 301))
    if thread is None or not permissions.can_see_thread(current_user, thread):
        abort(404)
    return thread


def visible_post(post_id: int) -> Post:
    post = queries.get_post(post_id)
    if post is None or not permissions.can_see_thread(current_user, post.thread):
        abort(404)
    if not permissions.can_see_post(current_user, post) and not post.is_deleted:
        abort(404)
    return post


def post_url(post: Post) -> str:
    page = queries.page_of_post(current_user, post)
    return url_for("threads.show", thread_id=post.thread_id, page=page, _anchor=f"post-{post.id}")


@bp.get("/<int:thread_id>")
@cached_for_visitors
def show(thread_id: int):
    thread = visible_thread(thread_id)
    member = signed_in_member()
    if member is not None and "page" not in request.args:
        unread = queries.first_unread_post(member, thread)
        if unread is not None:
            return redirect(post_url(unread))
    reader = current_user._get_current_object()
    number = queries.clamp_page(request.args.get("page"))
    page = queries.post_marks(reader, thread, number)
    if not page.items and page.number > 1:
        return redirect(url_for("threads.show", thread_id=thread.id, page=page.pages))
    form = draft_form = None
    if permissions.can_reply(reader, thread):
        # Asked on every page (one query), so a page costs the same with or without a box.
        draft_form = _reply_draft(member, thread)
        if page.number != page.pages:
            draft_form = None
        else:
            form = Deferred(lambda: ReplyForm(formdata=None, language=interface_language()))
    watch = watch_state(member, TargetType.THREAD, thread.id)
    # In the reader's languages (cop/threads/shown.py): one query, the page's translations.
    original = parse_int(request.args.get("original"), low=1)
    translated = shown.page_reading(reader, thread, [pid for pid, _ in page.items], original)
    reading_key = translated.key if translated is not None else ""
    html = render_template(
        "threads/show.html",
        thread=thread,
        page=page,
        # A cached region (cop.fragments): the posts load only when it is rendered.
        post_views=Deferred(
            lambda: fragments.post_views(
                reader,
                queries.thread_page(reader, thread, number).items,
                thread,
                translated,
                page.number,
            )
        ),
        posts_key=fragments.posts_region_key(reader, thread, page, reading_key),
        head_key=fragments.thread_head_key(reader, thread, reading_key),
        reading=translated,
        reply_language=interface_language() if member is not None else None,
        new_client_token=new_client_token,
        form=form,
        draft_form=draft_form,
        watch=watch,
    )
    if member is not None and page.items:
        last_post_id = max(post_id for post_id, _author in page.items)
        if reading.mark_thread_read(member, thread, last_post_id):
            db.session.commit()
    return html


def _reply_draft(member, thread: Thread) -> ReplyForm | None:
    """The reply box filled from the member's draft (never the cached editor), if any."""
    draft = drafts.find(member, REPLY, thread.id)
    if draft is None:
        return None  # the form is built only for a draft: most readers have none
    form = ReplyForm(formdata=None, language=interface_language())
    drafts.fill(form, draft)
    return form


@bp.get("/posts/<int:post_id>")
def post(post_id: int):
    """A post's permanent address: its thread's page, scrolled to it."""
    return redirect(post_url(visible_post(post_id)))


@bp.get("/posts/<int:post_id>/history")
def history(post_id: int):
    post = visible_post(post_id)
    if not permissions.can_see_history(current_user, post):
        abort(403)
    revisions = queries.post_revisions(post)
    return render_template("threads/history.html", post=post, revisions=revisions)


# Feeds


@bp.get("/feed.atom")
def feed_latest():
    return feeds.latest_feed()


@bp.get("/tables/<slug>/feed.atom")
def feed_category(slug: str):
    table = queries.category_by_slug(slug) or abort(404)
    return feeds.category_feed(table)


@bp.get("/<int:thread_id>/feed.atom")
def feed_thread(thread_id: int):
    thread = queries.get_thread(thread_id)
    if thread is None or thread.is_hidden or thread.is_pending or thread.merged_into_id:
        abort(404)
    return feeds.thread_feed(thread)
