"""Discussions: writing threads and replies, quoting, editing, deleting, previews."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.bounds import parse_id
from cop.confirmation import is_confirmed
from cop.database import commit_once
from cop.drafts import writing as drafts
from cop.errors import render_error
from cop.extensions import db
from cop.formfields import select_choices
from cop.i18n import interface_language, isolate
from cop.languagecheck import live_notice, note_on_preview, written_as_chosen
from cop.limits import posting_limits
from cop.pictures.attach import (
    attach_picture,
    attach_requested,
    list_pending,
    pictures_described,
    remove_pending,
    remove_requested,
)
from cop.pictures.forms import AttachForm
from cop.threads import bp, queries, rendering, services
from cop.threads.drafting import NEW_THREAD, REPLY
from cop.threads.forms import EditPostForm, ReplyForm, ThreadForm
from cop.threads.models import BODY_MAX, TITLE_MAX, Category, Post, Thread
from cop.threads.views import post_url, signed_in_member, visible_post, visible_thread
from cop.versions import StaleEdit, reload_after_stale

T = TypeVar("T")


# Previews


def _preview_requested() -> bool:
    return "preview" in request.form


def _preview_of(form) -> str | None:
    if not _preview_requested() or not form.body.data:
        return None
    note_on_preview(form, form.language, *_texts(form))
    return _preview(form.body.data[:BODY_MAX])


def _preview(body: str) -> str:
    """The draft's sanitized HTML, with the notice about unmatched @handles."""
    body_html, unmatched = rendering.preview_post(body)
    return render_template("threads/_preview.html", body_html=body_html, unmatched=unmatched)


def _thread_form_choices(form: ThreadForm) -> None:
    member = signed_in_member()
    form.category.choices = select_choices(
        (c.id, c.name_in(interface_language()))
        for c in queries.list_categories()
        if permissions.can_start_thread(member, c)
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@posting_limits
def new():
    member = signed_in_member()
    form, attach = ThreadForm(), AttachForm()
    _thread_form_choices(form)
    if not form.category.choices:
        return render_error(403, _("No discussion table takes new threads yet."))
    if request.method == "GET":
        form.language.data = interface_language()
        table = queries.category_by_slug(request.args.get("table", ""))
        if table is not None:
            form.category.data = table.id
            drafts.prefill(form, member, NEW_THREAD, table.id)
    elif drafts.save_requested():  # "Save draft": kept for the chosen table
        table = db.session.get(Category, form.category.data or 0)
        if table is None or not permissions.can_start_thread(member, table):
            form.category.errors = [_("Choose a discussion table.")]
        elif drafts.save_from_form(member, NEW_THREAD, table.id, form):
            attach = list_pending(attach, form.body, member)
            return render_template("threads/new.html", form=form, attach=attach, preview_html=None)
    elif attach_requested():
        attach_picture(attach, form.body, member)
    elif remove_requested():
        remove_pending(attach, form.body, member)
    elif _ready(form):
        table = db.session.get(Category, form.category.data)
        if table is None or not permissions.can_start_thread(member, table):
            abort(403)

        def write() -> Thread:
            drafts.discard(member, NEW_THREAD, table.id)
            return services.start_thread(
                author=member,
                category=table,
                title=form.title.data,
                body=form.body.data,
                language=form.language.data,
                client_token=form.client_token.data,
            )

        thread, earlier = _write_once(member, form.client_token.data, write)
        if earlier is not None:
            return redirect(url_for("threads.show", thread_id=earlier.thread_id))
        _announce(
            thread.is_pending,
            waiting=_(
                "Your thread waits for a moderator's approval; we will tell you once it is published."
            ),
            published=_("Your thread is published."),
        )
        return redirect(url_for("threads.show", thread_id=thread.id))
    status = 422 if form.errors or attach.errors else 200
    attach = list_pending(attach, form.body, member)
    html = render_template(
        "threads/new.html", form=form, attach=attach, preview_html=_preview_of(form)
    )
    return html, status


def _ready(form) -> bool:
    """Sent to be posted (not previewed), valid, each picture described, in the language
    it is marked with or confirmed by the writer (cop/languagecheck.py)."""
    return (
        form.validate_on_submit()
        and not _preview_requested()
        and pictures_described(form.body)
        and written_as_chosen(form, form.language, *_texts(form))
    )


def _texts(form) -> list[str | None]:
    return [form.title.data if "title" in form else None, form.body.data]


def _write_once(member, token: str, write: Callable[[], T]) -> tuple[T | None, Post | None]:
    """Commit what `write` adds once per form; a second press finds the first post."""
    return commit_once(lambda: services.find_post_by_token(member, token), write)


def _announce(pending: bool, *, waiting: str, published: str) -> None:
    """Tell the writer whether their words are out or wait for a moderator's approval."""
    if pending:
        flash(waiting, "info")
    else:
        flash(published, "success")


def _quote_asked(member, thread: Thread) -> str | None:
    """The quote of the post named by `?quote=`, if the member may see it in this thread."""
    quoted = parse_id(request.args.get("quote"))
    post = queries.get_post(quoted) if quoted else None
    visible = post is not None and permissions.can_see_post(member, post)
    if visible and post.thread_id == thread.id and not post.is_deleted:
        return _quote(post)
    return None


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
    thread = visible_thread(thread_id)
    member = signed_in_member()
    if not permissions.can_reply(member, thread):
        if thread.is_locked:
            return render_error(403, _("This thread is locked: it takes no new replies."))
        abort(403)
    form, attach = ReplyForm(), AttachForm()
    if request.method == "GET":
        form.language.data = interface_language()
        quote = _quote_asked(member, thread)
        if quote is None:
            drafts.prefill(form, member, REPLY, thread.id)
        form.body.data = quote or form.body.data
    elif drafts.save_requested():  # "Save draft": the page again, with what was typed
        if drafts.save_from_form(member, REPLY, thread.id, form):
            attach = list_pending(attach, form.body, member)
            return render_template(
                "threads/reply.html", thread=thread, form=form, attach=attach, preview_html=None
            )
    elif attach_requested():
        attach_picture(attach, form.body, member)
    elif remove_requested():
        remove_pending(attach, form.body, member)
    elif _ready(form):

        def write() -> Post:
            drafts.discard(member, REPLY, thread.id)
            return services.reply_to_thread(
                author=member,
                thread=thread,
                body=form.body.data,
                language=form.language.data,
                client_token=form.client_token.data,
            )

        post, earlier = _write_once(member, form.client_token.data, write)
        if earlier is not None:
            return redirect(url_for("threads.post", post_id=earlier.id))
        _announce(
            post.is_pending,
            waiting=_(
                "Your reply waits for a moderator's approval; we will tell you once it is published."
            ),
            published=_("Your reply is published."),
        )
        return redirect(url_for("threads.post", post_id=post.id))
    status = 422 if form.errors or attach.errors else 200
    html = render_template(
        "threads/reply.html",
        thread=thread,
        form=form,
        attach=list_pending(attach, form.body, member),
        preview_html=_preview_of(form),
    )
    return html, status


@bp.get("/posts/<int:post_id>/quote")
@login_required
def quote(post_id: int):
    """The attributed Markdown quote of a post, for the optional in-page quoting."""
    post = visible_post(post_id)
    if post.is_deleted or not permissions.can_reply(current_user, post.thread):
        abort(403)
    return Response(_quote(post), mimetype="text/plain")


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = visible_post(post_id)
    member = signed_in_member()
    if not permissions.can_edit_post(member, post):
        abort(403)
    form, attach = EditPostForm(with_title=post.is_opening), AttachForm()
    conflict = False
    if request.method == "GET":
        form.version.data = post.version
        form.body.data = post.body_source
        form.language.data = post.language
        if post.is_opening:
            form.title.data = post.thread.title
    elif attach_requested():
        attach_picture(attach, form.body, member)
    elif remove_requested():
        remove_pending(attach, form.body, member)
    elif _ready(form):
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
    status = 409 if conflict else 422 if form.errors or attach.errors else 200
    html = render_template(
        "threads/edit.html",
        post=post,
        form=form,
        attach=list_pending(attach, form.body, member),
        preview_html=_preview_of(form),
        conflict=conflict,
    )
    return html, status


@bp.route("/posts/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id: int):
    post = visible_post(post_id)
    if not permissions.can_delete_post(current_user, post):
        abort(403)
    if not is_confirmed():  # no JavaScript dialog asked: this page asks
        return render_template("threads/delete.html", post=post)
    services.delete_post(post, actor=signed_in_member())
    db.session.commit()
    flash(_("The post is deleted. Moderators can restore it."), "success")
    return redirect(post_url(post))


@bp.post("/posts/<int:post_id>/restore")
@permissions.moderator_required
def restore_post(post_id: int):
    post = visible_post(post_id)
    if not permissions.can_restore_post(current_user, post):
        abort(403)
    services.restore_post(post, actor=signed_in_member())
    db.session.commit()
    flash(_("The post is restored."), "success")
    return redirect(post_url(post))


@bp.post("/preview")
@login_required
def preview():
    """The sanitized HTML of a draft, for the optional live preview."""
    body = request.form.get("body", "")
    if len(body) > BODY_MAX:
        abort(413)
    response = Response(_preview(body), mimetype="text/html")
    title = request.form.get("title", "")[:TITLE_MAX]
    live_notice(response, request.form.get("language"), title, body)
    return response
