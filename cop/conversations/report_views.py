"""Reporting a message, and the moderators' reading of a reported conversation.

A moderator reads a conversation only through a report of it: the page is addressed by
the report, shows that conversation and nothing else, and each reading is sent to the
audit log (signals.conversation_viewed_by_moderator). Moderators never reach a
conversation by its own address unless they are in it.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.bounds import parse_page
from cop.conversations import bp, queries, reports
from cop.conversations.forms import ReportForm
from cop.conversations.models import ConversationReport
from cop.extensions import db
from cop.limits import reporting_limits


@bp.route("/messages/<int:message_id>/report", methods=["GET", "POST"])
@login_required
@reporting_limits
def report(message_id: int):
    member = current_user._get_current_object()
    message = queries.message_in(member, message_id)
    if message is None:
        abort(404)
    if not permissions.can_report(member) or message.author_id == member.id:
        abort(403)
    form = ReportForm()
    if form.validate_on_submit():
        reports.report_message(message, reporter=member, reason=form.reason.data)
        db.session.commit()
        flash(_("Thank you: the moderators will look at this message."), "success")
        return redirect(
            url_for(
                "conversations.show",
                conversation_id=message.conversation_id,
                _anchor=f"message-{message.id}",
            )
        )
    status = 422 if form.errors else 200
    return render_template("conversations/report.html", form=form, message=message), status


@bp.get("/reports")
@permissions.moderator_required
def reports_index():
    page = queries.open_reports(parse_page(request.args.get("page")))
    return render_template("conversations/reports.html", page=page)


@bp.get("/reports/<int:conversation_report_id>")
@permissions.moderator_required
def reported(conversation_report_id: int):
    found = db.get_or_404(ConversationReport, conversation_report_id)
    conversation = found.conversation
    page = queries.messages_page(
        conversation, parse_page(request.args.get("page")) if request.args.get("page") else None
    )
    reports.record_moderator_view(found, current_user._get_current_object())
    db.session.commit()
    return render_template(
        "conversations/reported.html",
        report=found,
        conversation=conversation,
        page=page,
        participants=queries.participants(conversation),
    )


@bp.post("/reports/<int:conversation_report_id>/resolve")
@permissions.moderator_required
def resolve(conversation_report_id: int):
    found = db.get_or_404(ConversationReport, conversation_report_id)
    reports.resolve_report(found, moderator=current_user._get_current_object())
    db.session.commit()
    flash(_("The report is closed."), "success")
    return redirect(url_for("conversations.reports_index"))
