"""The file of an upload form (share, new version): chosen now, or kept from before.

The file is checked on every submission, so its type or size error shows together with
the other fields' errors. An accepted file whose form fails for another reason is kept
(cop/resources/kept.py) and the form shows "Kept: name.pdf (size)"; choosing another
file replaces it. Storage failures surface as StorageUnavailable for the view to answer.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from cop.resources import kept, uploads
from cop.resources.filetypes import RefusedFile
from cop.resources.kept import KeptFile

RETRY_SECONDS = 60


def upload_of(form, *, member_id: int) -> uploads.Upload | None:
    """The checked upload of `form`, or None with the reason added to the file's errors."""
    token = form.kept_file.data
    if form.file.data:
        if token:  # a new choice replaces the kept file
            kept.drop(token, member_id=member_id)
            form.kept_file.data = ""
        try:
            return uploads.receive(form.file.data)
        except RefusedFile as refusal:
            form.file.errors.append(str(refusal.message))
            return None
    if token:
        try:
            return kept.restore(token, member_id=member_id)
        except RefusedFile as refusal:
            form.file.errors.append(str(refusal.message))
            form.kept_file.data = ""
    return None


def keep_for_next_time(form, upload: uploads.Upload | None, *, member_id: int) -> KeptFile | None:
    """Keep an accepted upload of a form that is shown again with errors."""
    if upload is None:
        return None
    kept_file = kept.keep(upload, member_id=member_id)
    form.kept_file.data = kept_file.token
    return kept_file


def storage_unavailable(template: str, form, **context):
    """503 with the form as it was sent: nothing was saved, the admin has a log line."""
    form.kept_file.data = ""
    form.form_errors.append(
        _(
            "The file could not be stored: the site's storage is not available at the moment. Nothing was saved. What you typed is below; try again in a few minutes."
        )
    )
    page = render_template(template, form=form, kept_file=None, **context)
    return page, 503, {"Retry-After": str(RETRY_SECONDS)}
