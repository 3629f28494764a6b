"""Confirming the email address: the link, a new link, and what waits for it.

Until the address is confirmed the member signs in and reads, but every form that
writes for others to read is refused (cop.permissions.can_write); a refused form comes
back with everything typed in it, to send again once the address is confirmed.
"""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required

from cop import mail, permissions, signals
from cop.auth import bp, confirming
from cop.auth.confirming import LinkState, make_confirm_token, read_confirm_token
from cop.extensions import db
from cop.i18n import isolate
from cop.limits import confirm_resend_limits
from cop.members.models import Member
from cop.navigation import safe_next_url

logger = logging.getLogger(__name__)

# What a member whose address is not confirmed may still send: their own account,
# settings and notifications, never anything other members read.
ALLOWED_UNCONFIRMED = frozenset(
    {
        "conversations.leave",  # leaving a conversation others started writes nothing
        "main.set_language",
        "members.change_email",
        "members.confirm_email",
        "members.close_account",
        "members.export_data",
        "members.preferences",
        "moderation.acknowledge",
        "notifications.mark_all_read",
        "notifications.mark_read",
        "notifications.open_notification",
        "notifications.settings",
        "notifications.unsubscribe",
        "translations.reading_mode",  # how to read, like the language: writes no content
        "notifications.watch",
        "pages.accept",
        "threads.preview",
    }
)
# Labels of the typed fields a refused form shows again (the others are kept hidden).
KEPT_LABELS = {
    "title": _l("Title"),
    "body": _l("Message"),
    "description": _l("Description"),
    "note": _l("Note"),
    "reason": _l("Reason"),
    "bio": _l("About you"),
    "subject": _l("Subject"),
    "recipients": _l("To"),
}


def send_confirmation(member: Member) -> None:
    link = url_for("auth.confirm_address", token=make_confirm_token(member), _external=True)
    days = current_app.config["EMAIL_CONFIRM_MAX_AGE"] // (24 * 60 * 60)
    mail.send_templated(
        member.email, member.locale, "confirm_address", member=member, link=link, days=days
    )
    signals.email_confirmation_sent.send(member)
    if mail.writes_to_files():
        logger.warning("no SMTP server configured; address confirmation link: %s", link)


def refuse_unconfirmed_writes():
    """before_request: a form sent by a member whose address is not confirmed comes back,
    refused (403), with what they typed in it."""
    if request.method != "POST" or not permissions.is_unconfirmed(current_user):
        return None
    if request.blueprint == "auth" or request.endpoint in ALLOWED_UNCONFIRMED:
        return None
    if request.endpoint is None:
        return None
    kept = [
        (name, values, KEPT_LABELS.get(name))
        for name, values in request.form.lists()
        if name != "csrf_token"
    ]
    return render_template(
        "auth/unconfirmed_refused.html",
        kept=kept,
        action=request.full_path.rstrip("?"),
        lost_files=any(f.filename for f in request.files.values()),
    ), 403


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_address(token: str):
    state, member = read_confirm_token(token)
    if state is LinkState.USED:
        flash(_("Your email address is confirmed already."), "info")
        return redirect(url_for("main.home"))
    if state is not LinkState.VALID:
        return render_template("auth/confirm_address.html", state=state.value), 410
    if request.method == "GET":
        return render_template("auth/confirm_address.html", state=state.value, token=token)
    if confirming.confirm_address(member):
        db.session.commit()
    flash(_("Thank you: your email address is confirmed. You can now write."), "success")
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return redirect(url_for("auth.sign_in"))


@bp.post("/confirm/resend")
@login_required
@confirm_resend_limits
def resend_confirmation():
    member = current_user._get_current_object()
    back = safe_next_url(request.form.get("next")) or url_for("main.home")
    if member.is_email_confirmed:
        flash(_("Your email address is confirmed already."), "info")
        return redirect(back)
    send_confirmation(member)
    days = current_app.config["EMAIL_CONFIRM_MAX_AGE"] // (24 * 60 * 60)
    sent = _("We sent a new link to %(email)s.", email=isolate(member.email, html=False))
    works = ngettext("It works for %(num)d day.", "It works for %(num)d days.", days)
    flash(f"{sent} {works}", "success")
    return redirect(back)
