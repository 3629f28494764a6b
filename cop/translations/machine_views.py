"""Asking for a machine translation: a button under a post, a thread's title or a
resource (a POST form that works without JavaScript) that comes back to the same place,
with the translation below the original or a clear message and the original alone."""

from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.extensions import db
from cop.i18n import interface_language
from cop.limits import machine_translation_limits
from cop.navigation import safe_next_url
from cop.threads.views import post_url
from cop.translations import bp, machine_services
from cop.translations.machine_providers import (
    BUSY,
    GARBLED,
    REFUSED,
    TIMEOUT,
    UNREACHABLE,
    UNSUPPORTED,
    MachineTranslationError,
    configured_provider,
)
from cop.translations.sources import Original

logger = logging.getLogger(__name__)


def failure_message(reason: str) -> str:
    """What the reader is told, in their language; the original stays on the page."""
    messages = {
        TIMEOUT: _("The translation service did not answer in time. Here is the original text; try again later."),
        UNREACHABLE: _("The translation service cannot be reached at the moment. Here is the original text; try again later."),
        REFUSED: _("The translation service refused the request. Here is the original text; try again later."),
        BUSY: _("The translation service is busy. Here is the original text; try again in a few minutes."),
        GARBLED: _("The translation service gave an answer that cannot be used. Here is the original text."),
        UNSUPPORTED: _("The translation service cannot translate this text into your language."),
        machine_services.WITHHELD: _("A moderator removed the machine translation of this text."),
    }  # fmt: skip
    return messages.get(reason, messages[REFUSED])


def place_of(original: Original) -> str:
    """Where the text is shown, at its machine translation."""
    anchor = f"machine-{original.kind}-{original.object_id}"
    if original.kind == "post":
        return post_url(original.obj).split("#", 1)[0] + f"#{anchor}"
    if original.kind == "thread":
        return url_for("threads.show", thread_id=original.object_id, page=1, _anchor=anchor)
    return url_for("resources.show", resource_id=original.object_id, _anchor=anchor)


@bp.post("/machine/<kind>/<int:object_id>")
@login_required
@machine_translation_limits
def machine_translate(kind: str, object_id: int):
    """Translate a text into the reader's interface language (or show the stored one)."""
    member = current_user._get_current_object()
    original = machine_services.original_for_reader(kind, object_id, member)
    if original is None:
        abort(404)
    if not permissions.can_write(member):
        abort(403)
    provider = configured_provider(current_app.config)
    if provider is None:
        abort(404)  # nothing is ever sent unless an admin configured a provider
    back = place_of(original)
    if kind != "post":  # the title's box is on every page of a thread: back to that one
        back = safe_next_url(request.form.get("next")) or back
    try:
        machine_services.request_machine_translation(
            original, interface_language(), provider, member
        )
        db.session.commit()
    except MachineTranslationError as error:
        db.session.rollback()
        logger.warning(
            "machine translation of %s %s failed: %s", original.kind, original.object_id, error
        )
        flash(failure_message(error.reason), "error")
        return redirect(back)
    flash(_("The machine translation is shown below the original."), "success")
    return redirect(back)
