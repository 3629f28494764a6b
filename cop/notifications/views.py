"""Notifications: the list, marking read, watching, email settings, unsubscribing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import headercounts, permissions
from cop.bounds import parse_id
from cop.events.watches import watched_by
from cop.extensions import csrf, db
from cop.navigation import safe_next_url
from cop.notifications import bp, emails, messages, services
from cop.notifications.forms import EmailSettingsForm
from cop.notifications.models import Kind, Mode, Notification
from cop.threads.queries import Page, clamp_page
from cop.watching import services as watches
from cop.watching.models import TargetType

WATCH_ACTIONS = ("watch", "unwatch", "mute", "unmute")


def add_unread_count(_app, template, context: dict, **_) -> None:
    """Before a page is rendered (Flask's before_render_template), the header's count of
    unread notices as a value in its context, `unread_count`: computed with the header's
    other counts in one query per signed-in page (cop.headercounts); none for visitors,
    nor for emails and partials, which have no header."""
    if not current_user.is_authenticated or not _is_page(template.name):
        return
    context["unread_count"] = headercounts.header_count("notifications")


_is_page = headercounts.is_page


def _own(notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != current_user.id:
        abort(404)
    return notification


@bp.get("/")
@login_required
def index():
    number = clamp_page(request.args.get("page"))
    items, total = services.list_notifications(current_user, number)
    return render_template(
        "notifications/index.html",
        page=Page(items, number, services.PER_PAGE, total),
        describe=messages.describe,
        reason_of=messages.reason_of,
        link_for=messages.link_for,
    )


@bp.post("/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    services.mark_read(_own(notification_id))
    db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("notifications.index"))


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    notification = _own(notification_id)
    services.mark_read(notification)
    db.session.commit()
    return redirect(messages.link_for(notification))


@bp.post("/read-all")
@login_required
def mark_all_read():
    services.mark_all_read(current_user)
    db.session.commit()
    flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


# Watching


def _check_target(target_type: TargetType, target_id: int) -> None:
    """404 unless the member may see what they want to watch."""
    from cop.resources.models import Resource
    from cop.threads.models import Category, Thread

    if target_type == TargetType.THREAD:
        thread = db.session.get(Thread, target_id)
        if thread is None or not permissions.can_see_thread(current_user, thread):
            abort(404)
    elif target_type == TargetType.CATEGORY:
        if db.session.get(Category, target_id) is None:
            abort(404)
    else:
        resource = db.session.get(Resource, target_id)
        if resource is None or not permissions.can_see_resource(current_user, resource):
            abort(404)


@bp.post("/watch")
@login_required
def watch():
    try:
        target_type = TargetType(request.form.get("target_type", ""))
    except ValueError:
        abort(400)
    target_id = parse_id(request.form.get("target_id"))
    if target_id is None:
        abort(400)
    action = request.form.get("action", "")
    if action not in WATCH_ACTIONS:
        abort(400)
    _check_target(target_type, target_id)
    watches.set_watch(current_user, target_type, target_id, action)
    db.session.commit()
    flash(
        {
            "watch": _("You are watching this now."),
            "unwatch": _("You no longer watch this."),
            "mute": _("Muted: you will not be notified about this."),
            "unmute": _("No longer muted."),
        }[action],
        "success",
    )
    return redirect(safe_next_url(request.form.get("next")) or url_for("notifications.index"))


# Email settings


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    # The member's choices as the form's data: a kind the page sent leaves out (a page
    # opened before the event kinds came) keeps its choice instead of failing.
    chosen = {
        kind.value: mode.value for kind, mode in services.email_modes(current_user.id).items()
    }
    form = EmailSettingsForm(data=chosen)
    if request.method == "POST" and form.validate_on_submit():
        modes = {kind: Mode(getattr(form, kind.value).data) for kind in Kind}
        services.set_email_modes(current_user, modes)
        db.session.commit()
        flash(_("Your email choices are saved."), "success")
        return redirect(url_for("notifications.settings"))
    status = 422 if form.errors else 200
    return render_template(
        "notifications/settings.html",
        form=form,
        member=current_user,
        watched=watched_by(current_user),
    ), status


# Unsubscribing from an email link: GET asks, POST (the button, or a mail program's
# RFC 8058 one-click POST, which carries no CSRF token) does it.


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    found = emails.read_unsubscribe_token(token)
    if found is None:
        return render_template("notifications/unsubscribe.html", invalid=True), 404
    member, scope = found
    label = messages.scope_label(scope)
    if request.method == "POST":
        services.unsubscribe(member, scope)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", done=True, label=label)
    return render_template("notifications/unsubscribe.html", member=member, label=label)
