"""Moderation pages: reporting, the report queue, the approval queue.

Also the small helpers the other route modules of the package share (`me`,
`form_reason`, `back`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.bounds import parse_id
from cop.events.models import Event
from cop.events.permissions import can_see_event
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES
from cop.limits import reporting_limits
from cop.members.models import Member
from cop.moderation import bp, content_actions, queries, reports, sanctions
from cop.moderation.forms import ReportForm, RequiredReasonForm, ResolveForm, reason_labels
from cop.moderation.models import TARGET_TYPES, Report, ReportState
from cop.navigation import safe_next_url
from cop.permissions import moderator_required
from cop.resources.models import Resource
from cop.threads import queries as thread_queries
from cop.threads.models import Post, Thread
from cop.threads.queries import clamp_page
from cop.translations.models import ContentTranslation
from cop.translations.permissions import can_see_translation
from cop.translations.sources import load_original
from cop.translations.visibility import load_originals

logger = logging.getLogger(__name__)


def me() -> Member:
    """The signed-in member (the object itself, not Flask-Login's proxy)."""
    return current_user._get_current_object()


def form_reason() -> str:
    """The optional reason a moderation button sends, trimmed to the log's limit."""
    return (request.form.get("reason") or "").strip()[:2000]


def back(default: str) -> str:
    """Where a moderation button sends back: its safe `next` field, else `default`."""
    return safe_next_url(request.form.get("next")) or default


# Reporting


def _reportable(kind: str, target_id: int):
    """The item, if the member may see it (404 otherwise)."""
    member = current_user
    if kind == "post":
        target = thread_queries.get_post(target_id)
        ok = target is not None and permissions.can_see_post(member, target)
    elif kind == "thread":
        target = db.session.get(Thread, target_id)
        ok = target is not None and permissions.can_see_thread(member, target)
    elif kind == "resource":
        target = db.session.get(Resource, target_id)
        ok = target is not None and permissions.can_see_resource(member, target)
    elif kind == "event":
        target = db.session.get(Event, target_id)
        ok = target is not None and can_see_event(member, target)
    elif kind == "member":
        target = db.session.get(Member, target_id)
        ok = target is not None
    elif kind == "translation":
        target = db.session.get(ContentTranslation, target_id)
        original = None if target is None else load_original(target.kind, target.object_id)
        ok = original is not None and can_see_translation(member, target, original)
        if ok:
            queries.load_targets_context([target])  # its original, named on the form
    else:
        abort(404)
    if not ok:
        abort(404)
    return target


def item_url(kind: str, target) -> str:
    if kind == "post":
        return url_for("threads.post", post_id=target.id)
    if kind == "thread":
        return url_for("threads.show", thread_id=target.id)
    if kind == "resource":
        return url_for("resources.show", resource_id=target.id)
    if kind == "event":
        return url_for("events.show", event_id=target.id)
    if kind == "translation":
        return original_url(target)
    return url_for("members.profile", handle=target.handle)


def original_url(translation: ContentTranslation) -> str:
    """The page of a translation's original (a table's page for its description)."""
    kind, object_id = translation.kind, translation.object_id
    if kind == "post":
        return url_for("threads.post", post_id=object_id)
    if kind == "thread":
        return url_for("threads.show", thread_id=object_id)
    if kind == "resource":
        return url_for("resources.show", resource_id=object_id)
    category = load_originals([(kind, object_id)]).get((kind, object_id))
    return url_for("threads.category", slug=category.slug) if category else url_for("main.home")


@bp.route("/report/<kind>/<int:target_id>", methods=["GET", "POST"])
@login_required
@reporting_limits
def report(kind: str, target_id: int):
    target = _reportable(kind, target_id)
    if not permissions.can_report(current_user) or reports.is_own(target, current_user):
        abort(403)
    form = ReportForm()
    # Where to go back: the page the "Report" link was on (a translation's own page).
    back_url = safe_next_url(request.values.get("next")) or item_url(kind, target)
    if form.validate_on_submit():
        try:
            reports.report_content(
                target, reporter=me(), reason=form.reason.data, note=form.note.data or ""
            )
        except reports.AlreadyReportedError:
            flash(_("You have reported this already. Moderators will look at it."), "info")
            return redirect(back_url)
        db.session.commit()
        flash(_("Thank you. Moderators will look at your report."), "success")
        return redirect(back_url)
    status = 422 if form.errors else 200
    return render_template(
        "moderation/report.html",
        form=form,
        kind=kind,
        target=target,
        back_url=back_url,
    ), status


# The queue


def _queue_filter(member: Member) -> queries.QueueFilter:
    args = request.args
    kind = args.get("kind") if args.get("kind") in TARGET_TYPES else None
    language = args.get("language") if args.get("language") in SUPPORTED_LOCALES else None
    state = args.get("state") if args.get("state") in tuple(ReportState) else ReportState.OPEN
    mine = tuple(queries.moderator_languages(member)) if args.get("mine") == "1" else ()
    return queries.QueueFilter(
        kind=kind,
        language=language,
        category_id=parse_id(args.get("table")),
        state=state,
        languages=mine,
    )


@bp.get("/")
@moderator_required
def queue():
    return _queue_page()


def _queue_page(error: str | None = None, failed_id: int | None = None):
    """The queue; after a refused action, with the error beside that report (422)."""
    filters = _queue_filter(me())
    page = queries.report_queue(filters, clamp_page(request.args.get("page")))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    html = render_template(
        "moderation/queue.html",
        page=page,
        filters=filters,
        args=args,
        categories=thread_queries.list_categories(),
        reasons=reason_labels(),
        resolve_form=ResolveForm(formdata=None),
        mine=request.args.get("mine") == "1",
        error=error,
        failed_id=failed_id,
        kept=request.form if error else {},
    )
    return html, 422 if error else 200


@bp.post("/reports/<int:report_id>/resolve")
@moderator_required
def resolve(report_id: int):
    report = db.get_or_404(Report, report_id)
    form = ResolveForm()
    if report.state != ReportState.OPEN:
        flash(_("This report was closed already."), "info")
        return redirect(url_for("moderation.queue"))
    if not form.validate():
        return _queue_page(_("Choose one of the actions."), report.id)
    note = form.note.data or ""
    action = form.action.data
    if action != "dismiss" and not note:
        return _queue_page(
            _("Write a note: hiding, warning and suspending tell the author why."), report.id
        )
    moderator = me()
    target = queries.load_targets([(report.target_type, report.target_id)]).get(
        (report.target_type, report.target_id)
    )
    author = db.session.get(Member, report.author_id) if report.author_id else None
    if action == "hide" and target is not None and report.target_type != "member":
        content_actions.hide_content(target, moderator=moderator, reason=note)
    elif action == "warn" and author is not None:
        sanctions.warn_member(author, moderator=moderator, message=note)
    elif action == "suspend" and author is not None:
        until = form.until.data
        if until is None or _end_of(until) <= datetime.now(UTC):
            return _queue_page(_("Choose a date in the future for the suspension."), report.id)
        sanctions.suspend_member(author, moderator=moderator, until=_end_of(until), reason=note)
    state = ReportState.DISMISSED if action == "dismiss" else ReportState.RESOLVED
    reports.resolve_report(report, moderator=moderator, state=state, note=note)
    if action != "dismiss" and target is not None:
        reports.resolve_reports_on(target, moderator=moderator, note=note)
    db.session.commit()
    flash(_("The report is closed."), "success")
    return redirect(url_for("moderation.queue"))


def _end_of(day) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


# Approval


@bp.get("/pending")
@moderator_required
def pending():
    return _pending_page()


def _pending_page(failed_id: int | None = None):
    page = queries.pending_posts(clamp_page(request.args.get("page")))
    html = render_template(
        "moderation/pending.html",
        page=page,
        form=RequiredReasonForm(formdata=None),
        failed_id=failed_id,
    )
    return html, 422 if failed_id else 200


def _pending_post(post_id: int) -> Post:
    return thread_queries.get_post(post_id) or abort(404)


@bp.post("/posts/<int:post_id>/approve")
@moderator_required
def approve(post_id: int):
    post = _pending_post(post_id)
    target = post.thread if post.is_opening else post
    if content_actions.approve_content(target, moderator=me(), reason=form_reason()):
        db.session.commit()
        flash(_("Approved: everyone sees it now."), "success")
    return redirect(back(url_for("moderation.pending")))


@bp.post("/posts/<int:post_id>/reject")
@moderator_required
def reject(post_id: int):
    post = _pending_post(post_id)
    reason = form_reason()
    if not reason:
        return _pending_page(failed_id=post.id)
    target = post.thread if post.is_opening else post
    if content_actions.reject_content(target, moderator=me(), reason=reason):
        db.session.commit()
        flash(_("Rejected: only the author and moderators see it, with your reason."), "success")
    return redirect(back(url_for("moderation.pending")))
