"""Moderation pages: one item's actions (hide or show a post, thread, resource or event; lock
and pin a thread) and the forms to move, merge and split a thread (cop/moderation/thread_views.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from cop.events.models import Event
from cop.extensions import db
from cop.formfields import select_choices
from cop.i18n import interface_language
from cop.moderation import bp, content_actions, reports
from cop.moderation.forms import MergeForm, MoveForm, SplitForm
from cop.moderation.queries import load_targets_context
from cop.moderation.views import back, form_reason, me
from cop.permissions import moderator_required
from cop.resources.models import Resource
from cop.threads import queries as thread_queries
from cop.threads.models import Post, Thread
from cop.translations.models import ContentTranslation


def _content(kind: str, target_id: int):
    models = {
        "post": Post,
        "thread": Thread,
        "resource": Resource,
        "event": Event,
        "translation": ContentTranslation,
    }
    model = models.get(kind) or abort(404)
    target = db.get_or_404(model, target_id)
    if kind == "translation":
        load_targets_context([target])
    return target


@bp.get("/<kind>/<int:target_id>")
@moderator_required
def content(kind: str, target_id: int):
    return _content_page(kind, _content(kind, target_id))


def _content_page(kind: str, target, hide_error: str | None = None):
    context = {"kind": kind, "target": target, "hide_error": hide_error}
    if kind == "thread":
        context.update(threadops_context(target))
    html = render_template("moderation/content.html", **context)
    return html, 422 if hide_error else 200


def threadops_context(thread: Thread) -> dict:
    move = MoveForm(formdata=None)
    locale = interface_language()
    move.category.choices = select_choices(
        (c.id, c.name_in(locale))
        for c in thread_queries.list_categories()
        if c.id != thread.category_id
    )
    replies = list(
        db.session.scalars(
            select(Post)
            .where(Post.thread_id == thread.id, Post.position > 1)
            .order_by(Post.position)
        )
    )
    split = SplitForm(formdata=None)
    split.posts.choices = select_choices((p.id, f"#{p.position}") for p in replies)
    return {
        "move_form": move,
        "merge_form": MergeForm(formdata=None),
        "split_form": split,
        "replies": replies,
    }


@bp.post("/<kind>/<int:target_id>/<any(hide, unhide):verb>")
@moderator_required
def hide(kind: str, target_id: int, verb: str):
    target = _content(kind, target_id)
    reason = form_reason()
    if verb == "hide":
        if not reason:
            return _content_page(kind, target, _("Give a reason: the author will read it."))
        done = content_actions.hide_content(target, moderator=me(), reason=reason)
        message = _("Hidden: members no longer see it; it is kept.")
    else:
        done = content_actions.show_content(target, moderator=me(), reason=reason)
        message = _("Shown again to members.")
    if done:
        if verb == "hide":
            reports.resolve_reports_on(target, moderator=me(), note=reason)
        db.session.commit()
        flash(message, "success")
    return redirect(back(url_for("moderation.content", kind=kind, target_id=target_id)))


@bp.post(
    "/thread/<int:thread_id>/<any(lock, unlock, pin, unpin, pin_globally, unpin_globally):verb>"
)
@moderator_required
def thread_flag(thread_id: int, verb: str):
    thread = db.get_or_404(Thread, thread_id)
    value = not verb.startswith("un")
    flag = verb.removeprefix("un")
    if content_actions.set_thread_flag(thread, flag, value, moderator=me(), reason=form_reason()):
        db.session.commit()
        flash(_("The thread is updated."), "success")
    return redirect(back(url_for("moderation.content", kind="thread", target_id=thread_id)))
