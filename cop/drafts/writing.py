"""For the views of the forms that keep drafts (threads, conversations): the "Save
draft" button, the form filled from the draft, the draft gone once posted.

These read the request and commit, as views do; the state changes are in services."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _

from cop.drafts import places, services
from cop.drafts.models import Draft
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES
from cop.members.models import Member


def save_requested() -> bool:
    """The form was sent with its "Save draft" button (it works without JavaScript)."""
    return request.method == "POST" and "save_draft" in request.form


def _data(form, name: str) -> str:
    field = getattr(form, name, None)
    value = field.data if field is not None else None
    return value if isinstance(value, str) else ""


def text_of(form) -> services.DraftText:
    language = _data(form, "language")
    return services.DraftText(
        title=_data(form, "title") or _data(form, "subject"),
        body=_data(form, "body"),
        language=language if language in SUPPORTED_LOCALES else None,
        recipients=_data(form, "recipients"),
    )


def refusal_message(refused: services.DraftRefused, limit: int) -> str:
    if refused.reason == "too_long":
        return _("This is too long to keep: at most %(max)d characters.", max=limit)
    return _("This text holds characters that cannot be stored.")


def posted_message() -> str:
    return _("These words are posted already: they are not kept as a draft.")


def save_from_form(member: Member, kind: str, target_id: int, form) -> bool:
    """Keep what the form holds as the member's draft of this place, commit, and say so;
    False, with the field's error, when it cannot be kept (nothing typed is lost: the
    view shows the form again)."""
    place_kind = places.kind_of(kind)
    if place_kind is None:
        return False
    try:
        kept = services.save_draft(
            member, place_kind, target_id, text_of(form), form_token=_data(form, "client_token")
        )
    except services.DraftPosted:
        form.body.errors = [posted_message()]
        return False
    except services.DraftRefused as refused:
        name = "subject" if refused.field == "title" and hasattr(form, "subject") else refused.field
        limit = {"title": place_kind.title_max, "body": place_kind.body_max}.get(
            refused.field, 1_000
        )
        field = getattr(form, name, None) or form.body
        field.errors = [refusal_message(refused, limit)]
        return False
    db.session.commit()
    if kept:
        flash(_("Your draft is saved. It waits for you here and on your drafts page."), "success")
    else:
        flash(_("There was nothing to keep: the draft is removed."), "info")
    return True


def find(member: Member, kind: str, target_id: int) -> Draft | None:
    """The member's draft of this place, if there is one."""
    return services.find_draft(member, places.place_key(kind, target_id))


def prefill(form, member: Member, kind: str, target_id: int) -> Draft | None:
    """Fill an empty form from the member's draft of this place, if there is one."""
    draft = find(member, kind, target_id)
    return fill(form, draft) if draft is not None else None


def fill(form, draft: Draft) -> Draft:
    """Put a draft's words into an empty form."""
    form.body.data = draft.body
    for name in ("title", "subject"):
        if hasattr(form, name) and draft.title:
            getattr(form, name).data = draft.title
    if hasattr(form, "recipients") and draft.recipients:
        form.recipients.data = draft.recipients
    if hasattr(form, "language") and draft.language:
        form.language.data = draft.language
    return draft


def discard(member: Member, kind: str, target_id: int) -> None:
    """The text is posted: its draft goes (in the caller's transaction)."""
    services.discard_draft(member, places.place_key(kind, target_id))
