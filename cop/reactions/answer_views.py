"""Marking a reply as the answer in a Q&A table, and unmarking it."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.bounds import parse_id
from cop.extensions import db
from cop.reactions import answers, bp, policy
from cop.threads import queries as thread_queries
from cop.threads.views import visible_thread


def _answer_place(thread_id: int) -> str:
    return url_for("threads.show", thread_id=thread_id, page=1, _anchor="answer")


@bp.post("/threads/<int:thread_id>/answer")
@login_required
def mark(thread_id: int):
    thread = visible_thread(thread_id)
    if not policy.can_mark_answer(current_user, thread):
        abort(403)
    post_id = parse_id(request.form.get("post_id"))
    post = thread_queries.get_post(post_id) if post_id is not None else None
    if post is None or not policy.can_be_answer(post, thread):
        abort(404)
    if answers.mark_answer(thread, post, actor=current_user._get_current_object()):
        db.session.commit()
    flash(_("The reply is marked as the answer."), "success")
    return redirect(_answer_place(thread.id))


@bp.post("/threads/<int:thread_id>/answer/remove")
@login_required
def unmark(thread_id: int):
    thread = visible_thread(thread_id)
    if not policy.can_mark_answer(current_user, thread):
        abort(403)
    if answers.unmark_answer(thread, actor=current_user._get_current_object()):
        db.session.commit()
    flash(_("The thread has no marked answer now."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id, page=1))
