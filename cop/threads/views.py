"""Discussions: thread lists, thread pages, writing, editing, history, feeds."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from cop import permissions
from cop.bounds import parse_id
from cop.confirmation import is_confirmed
from cop.errors import render_error
from cop.extensions import db
from cop.formfields import select_choices
from cop.fragments import Deferred
from cop.i18n import SUPPORTED_LOCALES, interface_language, isolate
from cop.limits import posting_limits
from cop.pagecache import cached_for_visitors
from cop.threads import bp, feeds, fragments, queries, services
from cop.threads.forms import EditPostForm, ReplyForm, ThreadForm, new_client_token
from cop.threads.models import BODY_MAX, Category, Post, Thread
from cop.versions import StaleEdit, reload_after_stale
from cop.watching.models import TargetType
from cop.watching.services import watch_state

logger = logging.getLogger(__name__)
T = TypeVar("T")


@bp.record_once
def _fragment_keys(state) -> None:
    """Keys of the cached rows and cards (the home page and profiles list threads too)."""
    state.app.jinja_env.globals.update(
        thread_row_key=fragments.thread_row_key, category_card_key=fragments.category_card_key
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


def _member():
    return current_user._get_current_object() if current_user.is_authenticated else None


# Lists


def _list_filters(category: Category | None) -> queries.ThreadFilter:
    sort = request.args.get("sort", "activity")
    language = request.args.get("language") or None
    return queries.ThreadFilter(
        category=category,
        sort=sort if sort in queries.SORTS else "activity",
        unanswered=request.args.get("unanswered") == "1",
        language=language if language in SUPPORTED_LOCALES else None,
    )


def _list_args(filters: queries.ThreadFilter) -> dict:
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
        watch=watch_state(_member(), TargetType.CATEGORY, table.id),
    )


def _thread_list(filters: queries.ThreadFilter, kind: str) -> dict:
    """A page of threads as a cached region: its key from the threads' ids and the
    reader's unread ones; the threads themselves loaded only to render it."""
    reader = current_user._get_current_object()
    number = queries.clamp_page(request.args.get("page"))
    marks = queries.thread_marks(reader, filters, number)
    unread = queries.unread_among(reader, marks)
    return {
        "listing": Deferred(lambda: queries.list_threads(reader, filters, number)),
        "list_key": fragments.thread_list_key(kind, reader, marks, unread, filters, number),
        "unread": unread,
    }


# A thread and its posts


def _visible_thread(thread_id: int) -> Thread:
    thread = queries.get_thread(thread_id)
    if thread is not None and thread.merged_into_id and not permissions.is_moderator(current_user):
        abort(redirect(url_for("threads.show", thread_id=thread.merged_into_id), 301))
    if thread is None or not permissions.can_see_thread(current_user, thread):
        abort(404)
    return thread


def _visible_post(post_id: int) -> Post:
    post = queries.get_post(post_id)
    if post is None or not permissions.can_see_thread(current_user, post.thread):
        abort(404)
    if not permissions.can_see_post(current_user, post) and not post.is_deleted:
        abort(404)
    return post


def _post_url(post: Post) -> str:
    page = queries.page_of_post(current_user, post)
    return url_for("threads.show", thread_id=post.thread_id, page=page, _anchor=f"post-{post.id}")


@bp.get("/<int:thread_id>")
@cached_for_visitors
def show(thread_id: int):
    thread = _visible_thread(thread_id)
    member = _member()
    if member is not None and "page" not in request.args:
        unread = queries.first_unread_post(member, thread)
        if unread is not None:
            return redirect(_post_url(unread))
    reader = current_user._get_current_object()
    number = queries.clamp_page(request.args.get("page"))
    page = queries.post_marks(reader, thread, number)
    if not page.items and page.number > 1:
        return redirect(url_for("threads.show", thread_id=thread.id, page=page.pages))
    form = None
    if permissions.can_reply(reader, thread) and page.number == page.pages:
        form = Deferred(lambda: ReplyForm(formdata=None, language=member.locale))
    watch = watch_state(member, TargetType.THREAD, thread.id)
    html = render_template(
        "threads/show.html",
        thread=thread,
        page=page,
        # A cached region (cop.fragments): the posts load only when it is rendered.
        post_views=Deferred(
            lambda: fragments.post_views(
                reader, queries.thread_page(reader, thread, number).items, thread
            )
        ),
        posts_key=fragments.posts_region_key(reader, thread, page),
        head_key=fragments.thread_head_key(reader, thread),
        reply_language=member.locale if member is not None else None,
        new_client_token=new_client_token,
        form=form,
        watch=watch,
    )
    if member is not None and page.items:
        services.mark_thread_read(member, thread, max(post_id for post_id, _author in page.items))
        db.session.commit()
    return html


@bp.get("/posts/<int:post_id>")
def post(post_id: int):
    """A post's permanent address: its thread's page, scrolled to it."""
    return redirect(_post_url(_visible_post(post_id)))


# Writing


def _preview_requested() -> bool:
    return "preview" in request.form


def _preview_of(form) -> str | None:
    if not _preview_requested() or not form.body.data:
        return None
    return _preview(form.body.data[:BODY_MAX])


def _preview(body: str) -> str:
    """The draft's sanitized HTML, with the notice about unmatched @handles."""
    body_html, unmatched = services.preview_post(body)
    return render_template("threads/_preview.html", body_html=body_html, unmatched=unmatched)


def _thread_form_choices(form: ThreadForm) -> None:
    member = _member()
    form.category.choices = select_choices(
        (c.id, c.name_in(interface_language()))
        for c in queries.list_categories()
        if permissions.can_start_thread(member, c)
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@posting_limits
def new():
    member = _member()
    form = ThreadForm()
    _thread_form_choices(form)
    if not form.category.choices:
        return render_error(403, _("No discussion table takes new threads yet."))
    if request.method == "GET":
        form.language.data = member.locale
        table = queries.category_by_slug(request.args.get("table", ""))
        if table is not None:
            form.category.data = table.id
    elif form.validate_on_submit() and not _preview_requested():
        table = db.session.get(Category, form.category.data)
        if table is None or not permissions.can_start_thread(member, table):
            abort(403)
        thread, earlier = _write_once(
            member,
            form.client_token.data,
            lambda: services.start_thread(
                author=member,
                category=table,
                title=form.title.data,
                body=form.body.data,
                language=form.language.data,
                client_token=form.client_token.data,
            ),
        )
        if earlier is not None:
            return redirect(url_for("threads.show", thread_id=earlier.thread_id))
        if thread.is_pending:
            flash(
                _(
                    "Your thread waits for a moderator's approval; we will tell you once it is published."
                ),
                "info",
            )
        else:
            flash(_("Your thread is published."), "success")
        return redirect(url_for("threads.show", thread_id=thread.id))
    status = 422 if form.errors else 200
    return render_template("threads/new.html", form=form, preview_html=_preview_of(form)), status


def _write_once(member, token: str, write: Callable[[], T]) -> tuple[T | None, Post | None]:
    """Commit what `write` adds (a post carrying the form's `token`) once per form.

    A form sent twice, one after the other or both at once (the unique token makes the
    second commit fail), finds the post the first one made. Returns (what `write`
    returned, None), or (None, the earlier post).
    """
    earlier = services.find_post_by_token(member, token)
    if earlier is not None:
        return None, earlier
    try:
        made = write()
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        earlier = services.find_post_by_token(member, token)
        if earlier is None:
            raise error
        return None, earlier
    return made, None


def _quote(post: Post) -> str:
    # Isolated: an Arabic handle must not pull "wrote" and the colon to its side.
    author = isolate(f"@{post.author.handle}", html=False) if post.author else _("A former member")
    link = url_for("threads.post", post_id=post.id)
    lines = "\n".join(f"> {line}" if line else ">" for line in post.body_source.splitlines())
    attribution = _("%(author)s [wrote](%(link)s):", author=author, link=link)
    return f"> {attribution}\n>\n{lines}\n\n"


@bp.route("/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
@posting_limits
def reply(thread_id: int):
    thread = _visible_thread(thread_id)
    member = _member()
    if not permissions.can_reply(member, thread):
        if thread.is_locked:
            return render_error(403, _("This thread is locked: it takes no new replies."))
        abort(403)
    form = ReplyForm()
    if request.method == "GET":
        form.language.data = member.locale
        quoted = parse_id(request.args.get("quote"))
        if quoted:
            post = queries.get_post(quoted)
            visible = post is not None and permissions.can_see_post(member, post)
            if visible and post.thread_id == thread.id and not post.is_deleted:
                form.body.data = _quote(post)
    elif form.validate_on_submit() and not _preview_requested():
        post, earlier = _write_once(
            member,
            form.client_token.data,
            lambda: services.reply_to_thread(
                author=member,
                thread=thread,
                body=form.body.data,
                language=form.language.data,
                client_token=form.client_token.data,
            ),
        )
        if earlier is not None:
            return redirect(url_for("threads.post", post_id=earlier.id))
        if post.is_pending:
            flash(
                _(
                    "Your reply waits for a moderator's approval; we will tell you once it is published."
                ),
                "info",
            )
        else:
            flash(_("Your reply is published."), "success")
        return redirect(url_for("threads.post", post_id=post.id))
    status = 422 if form.errors else 200
    html = render_template(
        "threads/reply.html", thread=thread, form=form, preview_html=_preview_of(form)
    )
    return html, status


@bp.get("/posts/<int:post_id>/quote")
@login_required
def quote(post_id: int):
    """The attributed Markdown quote of a post, for the optional in-page quoting."""
    post = _visible_post(post_id)
    if post.is_deleted or not permissions.can_reply(current_user, post.thread):
        abort(403)
    return Response(_quote(post), mimetype="text/plain")


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = _visible_post(post_id)
    member = _member()
    if not permissions.can_edit_post(member, post):
        abort(403)
    form = EditPostForm(with_title=post.is_opening)
    conflict = False
    if request.method == "GET":
        form.version.data = post.version
        form.body.data = post.body_source
        form.language.data = post.language
        if post.is_opening:
            form.title.data = post.thread.title
    elif form.validate_on_submit() and not _preview_requested():
        title = form.title.data if post.is_opening else None
        try:
            services.edit_post(
                post,
                editor=member,
                body=form.body.data,
                title=title,
                language=form.language.data,
                version=form.version.data,
            )
            db.session.commit()
        except StaleEdit:
            conflict = reload_after_stale(form, post)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("threads.post", post_id=post.id))
    status = 409 if conflict else 422 if form.errors else 200
    html = render_template(
        "threads/edit.html",
        post=post,
        form=form,
        preview_html=_preview_of(form),
        conflict=conflict,
    )
    return html, status


@bp.get("/posts/<int:post_id>/history")
def history(post_id: int):
    post = _visible_post(post_id)
    if not permissions.can_see_history(current_user, post):
        abort(403)
    revisions = queries.post_revisions(post)
    return render_template("threads/history.html", post=post, revisions=revisions)


@bp.route("/posts/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id: int):
    post = _visible_post(post_id)
    if not permissions.can_delete_post(current_user, post):
        abort(403)
    if not is_confirmed():  # no JavaScript dialog asked: this page asks
        return render_template("threads/delete.html", post=post)
    services.delete_post(post, actor=_member())
    db.session.commit()
    flash(_("The post is deleted. Moderators can restore it."), "success")
    return redirect(_post_url(post))


@bp.post("/posts/<int:post_id>/restore")
@permissions.moderator_required
def restore_post(post_id: int):
    post = _visible_post(post_id)
    if not permissions.can_restore_post(current_user, post):
        abort(403)
    services.restore_post(post, actor=_member())
    db.session.commit()
    flash(_("The post is restored."), "success")
    return redirect(_post_url(post))


@bp.post("/preview")
@login_required
def preview():
    """The sanitized HTML of a draft, for the optional live preview."""
    body = request.form.get("body", "")
    if len(body) > BODY_MAX:
        abort(413)
    return Response(_preview(body), mimetype="text/html")


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
