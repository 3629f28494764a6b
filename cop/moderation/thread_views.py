"""Moving, merging and splitting threads (pages on the moderation blueprint)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from cop.extensions import db
from cop.formfields import select_choices
from cop.i18n import interface_language
from cop.moderation import bp, threadops
from cop.moderation.content_views import threadops_context
from cop.moderation.forms import MergeForm, MoveForm, SplitForm
from cop.permissions import moderator_required
from cop.threads import queries as thread_queries
from cop.threads.models import Category, Post, Thread


def _page(thread: Thread, **forms):
    context = threadops_context(thread)
    context.update(forms)
    return render_template("moderation/content.html", kind="thread", target=thread, **context), 422


@bp.post("/thread/<int:thread_id>/move")
@moderator_required
def move(thread_id: int):
    thread = db.get_or_404(Thread, thread_id)
    form = MoveForm()
    form.category.choices = select_choices(
        (c.id, c.name_in(interface_language())) for c in thread_queries.list_categories()
    )
    if not form.validate():
        return _page(thread, move_form=form)
    category = db.get_or_404(Category, form.category.data)
    threadops.move_thread(
        thread,
        moderator=current_user._get_current_object(),
        category=category,
        reason=form.reason.data or "",
    )
    db.session.commit()
    flash(_("The thread is moved."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.post("/thread/<int:thread_id>/merge")
@moderator_required
def merge(thread_id: int):
    thread = db.get_or_404(Thread, thread_id)
    if thread.merged_into_id is not None:  # a second tab, or a second moderator
        flash(_("This thread was merged already."), "error")
        return redirect(url_for("threads.show", thread_id=thread.merged_into_id))
    form = MergeForm()
    if not form.validate():
        return _page(thread, merge_form=form)
    target = db.session.get(Thread, form.target.data)
    if target is None or target.id == thread.id or target.merged_into_id:
        form.target.errors.append(_("Give the number of another, visible thread."))
        return _page(thread, merge_form=form)
    merged = threadops.request_merge(
        thread,
        into=target,
        moderator=current_user._get_current_object(),
        reason=form.reason.data or "",
    )
    db.session.commit()
    if not merged:  # a long thread: locked now, merged by the cron command
        flash(_("This thread is long: it is locked now and will be merged in the next few "
                "minutes. The audit log can then undo it."), "success")  # fmt: skip
        return redirect(url_for("threads.show", thread_id=thread.id))
    flash(_("The threads are merged. The audit log can undo it."), "success")
    return redirect(url_for("threads.show", thread_id=target.id))


@bp.post("/thread/<int:thread_id>/split")
@moderator_required
def split(thread_id: int):
    thread = db.get_or_404(Thread, thread_id)
    form = SplitForm()
    form.posts.choices = threadops_context(thread)["split_form"].posts.choices
    if not form.validate() or not form.posts.data:
        if not form.posts.data:
            form.posts.errors = [*form.posts.errors, _("Choose at least one reply.")]
        return _page(thread, split_form=form)
    chosen = list(db.session.scalars(select(Post).where(Post.id.in_(form.posts.data))))
    new = threadops.split_thread(
        thread,
        posts=chosen,
        title=form.title.data,
        moderator=current_user._get_current_object(),
        reason=form.reason.data or "",
    )
    db.session.commit()
    flash(_("The replies are now a thread of their own. The audit log can undo it."), "success")
    return redirect(url_for("threads.show", thread_id=new.id))
