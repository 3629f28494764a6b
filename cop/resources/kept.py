"""Keeping an accepted upload across a form that failed for another reason.

When a file passes its checks but the form has other errors, the file moves to the
storage's kept/ folder and the form carries a signed, short-lived token in a hidden
field: the corrected form can be sent without choosing the file again (no JavaScript
needed). The token names the uploading member, so nobody else can use it, and it
expires after KEEP_SECONDS; kept files older than that are pruned (cli.prune_blobs).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from cop.resources import filetypes
from cop.resources.filetypes import RefusedFile
from cop.resources.storage import get_storage
from cop.resources.uploads import Upload

logger = logging.getLogger(__name__)

KEEP_SECONDS = 60 * 60
_SALT = "cop.resources.kept-upload"


@dataclass(frozen=True)
class KeptFile:
    """What the form shows of a kept upload, and the token that brings it back."""

    token: str
    name: str
    size: int


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def keep(upload: Upload, *, member_id: int) -> KeptFile:
    """Move `upload` to kept/ (StorageUnavailable if it cannot) and sign a token for it."""
    kept_id = get_storage().keep(upload.staged)
    payload = {
        "id": kept_id,
        "member": member_id,
        "name": upload.name,
        "kind": upload.kind.code,
        "sha256": upload.staged.sha256,
        "size": upload.staged.size,
    }
    return KeptFile(token=_serializer().dumps(payload), name=upload.name, size=upload.staged.size)


def restore(token: str, *, member_id: int) -> Upload:
    """The upload a token names; RefusedFile if it is expired, forged or someone else's."""
    gone = RefusedFile(_l("The file you chose earlier is no longer kept. Choose it again."))
    try:
        payload = _serializer().loads(token, max_age=KEEP_SECONDS)
    except BadSignature as error:  # also SignatureExpired
        raise gone from error
    if not isinstance(payload, dict) or payload.get("member") != member_id:
        logger.warning("kept-upload token of another member refused (member %s)", member_id)
        raise gone
    kind = filetypes.KINDS.get(payload.get("kind"))
    staged = get_storage().kept(
        str(payload.get("id")), sha256=str(payload.get("sha256")), size=int(payload.get("size"))
    )
    if kind is None or staged is None:
        raise gone
    return Upload(staged=staged, kind=kind, name=str(payload.get("name")))


def drop(token: str, *, member_id: int) -> None:
    """Forget a kept upload that a newly chosen file replaces."""
    with contextlib.suppress(RefusedFile):
        restore(token, member_id=member_id).staged.discard()
