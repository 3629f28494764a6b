"""The drafts page, deleting a draft, and the autosave that JavaScript calls."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.bounds import parse_page
from cop.drafts import bp, places, services
from cop.drafts.writing import posted_message, refusal_message
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES


def _member():
    return current_user._get_current_object()


@bp.get("/")
@login_required
def index():
    member = _member()
    page = services.list_drafts(member, parse_page(request.args.get("page")))
    resolved = places.resolve_all(member, [draft.place for draft in page.items])
    return render_template("drafts/index.html", page=page, resolved=resolved)


@bp.post("/<int:draft_id>/delete")
@login_required
def delete(draft_id: int):
    draft = services.own_draft(_member(), draft_id) or abort(404)
    services.delete_draft(draft)
    db.session.commit()
    flash(_("The draft is deleted."), "success")
    return redirect(url_for("drafts.index"))


@bp.post("/autosave")
@login_required
def autosave():
    """What the form holds, kept while the member types (cop/static/js/drafts.js): 204,
    or 404 for a place they may not write in, 422 for a text that cannot be kept, 409
    for a form posted already (an autosave that arrives after its post)."""
    member = _member()
    parsed = places.parse_place(request.form.get("draft_place"))
    if parsed is None or not permissions.can_write(member):
        abort(404)
    place_kind, target_id = parsed
    if not place_kind.allows(member, target_id):
        abort(404)
    language = request.form.get("language", "")
    text = services.DraftText(
        title=request.form.get("title") or request.form.get("subject") or "",
        body=(request.form.get("body") or "").rstrip(),
        language=language if language in SUPPORTED_LOCALES else None,
        recipients=request.form.get("recipients") or "",
    )
    try:
        services.save_draft(
            member, place_kind, target_id, text, form_token=request.form.get("client_token")
        )
    except services.DraftRefused as refused:
        return refusal_message(refused, place_kind.body_max), 422
    except services.DraftPosted:
        return posted_message(), 409
    db.session.commit()
    return "", 204
