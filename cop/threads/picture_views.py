"""A post's pictures: the page listing them for their uploader and the moderators, and
removing one, asked first with or without JavaScript (cop/confirmation.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from cop import permissions
from cop.confirmation import is_confirmed
from cop.errors import render_error
from cop.extensions import db
from cop.pictures import evidence
from cop.pictures.services import descriptions
from cop.threads import bp, picture_uses
from cop.threads.views import post_url, signed_in_member, visible_post
from cop.versions import StaleEdit

REASON_MAX = 2000  # as every moderation reason (cop/moderation/forms.py)


@bp.get("/posts/<int:post_id>/pictures")
@login_required
def post_pictures(post_id: int):
    post = visible_post(post_id)
    member = signed_in_member()
    if not permissions.can_remove_post_pictures(member, post):
        abort(403)
    alts = descriptions(post.body_source)
    listed = [
        (picture, alts.get(picture.key, ""))
        for picture in picture_uses.post_pictures(post)
        if permissions.can_remove_post_picture(member, post, picture)
    ]
    kept = picture_uses.kept_as_evidence(member)
    return render_template(
        "threads/pictures.html",
        post=post,
        pictures=[] if kept else listed,
        member=member,
        kept_note=str(evidence.KEPT_NOTE) if kept else None,
    )


@bp.route("/posts/<int:post_id>/pictures/<int:picture_id>/remove", methods=["GET", "POST"])
@login_required
def remove_post_picture(post_id: int, picture_id: int):
    post = visible_post(post_id)
    member = signed_in_member()
    picture = picture_uses.post_picture(post, picture_id)
    if picture is None:
        abort(404)
    if not permissions.can_remove_post_picture(member, post, picture):
        abort(403)
    if picture_uses.kept_as_evidence(member):
        return render_error(409, str(evidence.KEPT_NOTE))
    moderating = picture.owner_id != member.id  # a moderator's: in the audit log, with why
    reason = (request.form.get("reason") or "").strip() if moderating else ""
    too_long = len(reason) > REASON_MAX
    if too_long or not is_confirmed():  # no JavaScript dialog asked: this page asks
        page = render_template(
            "threads/remove_picture.html",
            post=post,
            picture=picture,
            description=descriptions(post.body_source).get(picture.key, ""),
            moderating=moderating,
            reason=reason,
            reason_error=_("At most %(max)d characters.", max=REASON_MAX) if too_long else None,
        )
        return page, 422 if too_long else 200
    try:
        picture_uses.remove_picture_from_post(post, picture, actor=member, reason=reason)
        db.session.commit()
    except StaleEdit:
        db.session.rollback()
        return render_error(
            409, _("The post was saved meanwhile: look at it again, then remove the picture.")
        )
    flash(_("The picture is removed from the post."), "success")
    return redirect(post_url(post))
