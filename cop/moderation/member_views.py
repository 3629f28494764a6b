"""Warning, suspending and banning members (pages on the moderation blueprint), and a
member acknowledging a warning."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member
from cop.moderation import bp, queries, sanctions
from cop.moderation.forms import BanForm, ReasonForm, SuspendForm, WarnForm
from cop.moderation.models import MemberWarning
from cop.moderation.views import back, form_reason, me
from cop.permissions import moderator_required


def _member(handle: str) -> Member:
    member = db.session.scalar(select(Member).where(Member.handle == handle))
    if member is None:
        abort(404)
    # Moderators act on members; only admins act on moderators and admins.
    if (member.is_moderator and not current_user.is_admin) or member.id == current_user.id:
        abort(403)
    return member


def _page(member: Member, status: int = 200, **forms):
    context = {
        "member": member,
        "warn_form": WarnForm(formdata=None),
        "suspend_form": SuspendForm(formdata=None),
        "ban_form": BanForm(formdata=None),
        "lift_form": ReasonForm(formdata=None),
        "history": queries.author_histories({member.id}).get(member.id),
    }
    context.update(forms)
    return render_template("moderation/member.html", **context), status


@bp.get("/members/<handle>")
@moderator_required
def member(handle: str):
    return _page(_member(handle))


@bp.post("/members/<handle>/warn")
@moderator_required
def warn(handle: str):
    target = _member(handle)
    form = WarnForm()
    if not form.validate():
        return _page(target, 422, warn_form=form)
    sanctions.warn_member(target, moderator=me(), message=form.message.data)
    db.session.commit()
    flash(_("The member is warned: they see your message until they acknowledge it."), "success")
    return redirect(url_for("moderation.member", handle=handle))


@bp.post("/members/<handle>/suspend")
@moderator_required
def suspend(handle: str):
    target = _member(handle)
    form = SuspendForm()
    valid = form.validate()
    until = datetime.combine(form.until.data, time(23, 59), tzinfo=UTC) if form.until.data else None
    if valid and until is not None and until <= datetime.now(UTC):
        form.until.errors.append(_("Choose a date in the future."))
        valid = False
    if not valid:
        return _page(target, 422, suspend_form=form)
    sanctions.suspend_member(target, moderator=me(), until=until, reason=form.reason.data)
    db.session.commit()
    flash(_("The member is suspended: they can read but not write."), "success")
    return redirect(url_for("moderation.member", handle=handle))


@bp.post("/members/<handle>/ban")
@moderator_required
def ban(handle: str):
    target = _member(handle)
    form = BanForm()
    if not form.validate():
        return _page(target, 422, ban_form=form)
    sanctions.ban_member(target, moderator=me(), reason=form.reason.data)
    db.session.commit()
    flash(_("The member is banned: they are signed out everywhere."), "success")
    return redirect(url_for("moderation.member", handle=handle))


@bp.post("/members/<handle>/<any(lift_suspension, lift_ban):verb>")
@moderator_required
def lift(handle: str, verb: str):
    target = _member(handle)
    lifted = getattr(sanctions, verb)(target, moderator=me(), reason=form_reason())
    if lifted:
        db.session.commit()
        flash(_("Lifted."), "success")
    return redirect(url_for("moderation.member", handle=handle))


@bp.post("/warnings/<int:warning_id>/acknowledge")
@login_required
def acknowledge(warning_id: int):
    warning = db.get_or_404(MemberWarning, warning_id)
    if warning.member_id != current_user.id:
        abort(404)
    sanctions.acknowledge_warning(warning, member=me())
    db.session.commit()
    return redirect(back(url_for("main.home")))
