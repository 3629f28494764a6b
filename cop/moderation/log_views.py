"""The audit log page, and undoing a move, merge or split from it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cop.extensions import db
from cop.moderation import bp, labels, queries, threadops
from cop.moderation.models import ModerationEvent
from cop.moderation.views import form_reason, me
from cop.permissions import moderator_required
from cop.threads.queries import clamp_page


@bp.get("/log")
@moderator_required
def log():
    filters = queries.LogFilter(
        action=request.args.get("action") or None,
        target_type=request.args.get("target") or None,
        actor=(request.args.get("actor") or "").strip()[:80] or None,
    )
    page = queries.audit_log(filters, clamp_page(request.args.get("page")))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "moderation/log.html",
        page=page,
        filters=filters,
        args=args,
        actions=queries.log_actions(),
        action_label=labels.action_label,
        target_label=labels.target_label,
    )


@bp.post("/log/<int:event_id>/undo")
@moderator_required
def undo(event_id: int):
    event = db.get_or_404(ModerationEvent, event_id)
    if threadops.undo_event(event, moderator=me(), reason=form_reason()):
        db.session.commit()
        flash(_("Undone. The audit log keeps both steps."), "success")
    else:
        flash(_("This cannot be undone (or was undone already)."), "error")
    return redirect(url_for("moderation.log"))
