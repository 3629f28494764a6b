"""A message's pictures, for their uploader alone (its author: nobody else ever removes
a word of a private conversation), and removing one, asked first with or without
JavaScript (cop/confirmation.py). A message the reader cannot read does not exist."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.confirmation import is_confirmed
from cop.conversations import bp, picture_uses, queries
from cop.conversations.models import Message
from cop.conversations.views import message_url, refuse_writing
from cop.errors import render_error
from cop.extensions import db
from cop.pictures import evidence
from cop.pictures.services import descriptions


def _own_message(message_id: int) -> Message:
    """The reader's message, in a conversation they are in: 404 if they cannot read it,
    403 if it is another member's."""
    message = queries.message_in(current_user._get_current_object(), message_id)
    if message is None:
        abort(404)
    if message.author_id != current_user.id:
        abort(403)
    return message


@bp.get("/messages/<int:message_id>/pictures")
@login_required
def message_pictures(message_id: int):
    message = _own_message(message_id)
    member = current_user._get_current_object()
    if not permissions.can_write(member):
        return refuse_writing()
    alts = descriptions(message.body_source)
    listed = [(p, alts.get(p.key, "")) for p in picture_uses.message_pictures(message, member)]
    kept = picture_uses.kept_as_evidence(member)
    return render_template(
        "conversations/pictures.html",
        message=message,
        pictures=[] if kept else listed,
        kept_note=str(evidence.KEPT_NOTE) if kept else None,
    )


@bp.route("/messages/<int:message_id>/pictures/<int:picture_id>/remove", methods=["GET", "POST"])
@login_required
def remove_message_picture(message_id: int, picture_id: int):
    message = _own_message(message_id)
    member = current_user._get_current_object()
    picture = picture_uses.message_picture(message, picture_id)
    if picture is None:
        abort(404)
    if picture.owner_id != member.id:
        abort(403)
    if not permissions.can_write(member):
        return refuse_writing()
    if picture_uses.kept_as_evidence(member):
        return render_error(409, str(evidence.KEPT_NOTE))
    if not is_confirmed():  # no JavaScript dialog asked: this page asks
        return render_template(
            "conversations/remove_picture.html",
            message=message,
            picture=picture,
            description=descriptions(message.body_source).get(picture.key, ""),
        )
    picture_uses.remove_picture_from_message(message, picture, actor=member)
    db.session.commit()
    flash(_("The picture is removed from your message."), "success")
    return redirect(message_url(message.conversation_id, message.id))
