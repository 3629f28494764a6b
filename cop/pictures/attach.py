"""Attaching a picture to a writing form, for the views of threads and conversations.

Without JavaScript: the form's "Attach picture" button sends the file with everything
typed; the picture is stored and its Markdown reference added to the message, which the
member may move; the form comes back with all it held. A picture needs its description
before it is attached, and a message whose picture lost it cannot be sent. Each picture
the message shows and no post uses yet has a "Remove" button, sent with the form too:
the picture goes, and its references leave the message.
"""

from __future__ import annotations

import re

from flask import request
from flask_babel import format_decimal
from flask_babel import gettext as _

from cop.bounds import parse_id
from cop.extensions import db
from cop.imaging import ImageRefused
from cop.members.models import Member
from cop.pictures import services
from cop.pictures.forms import AttachForm
from cop.storage import StorageUnavailable

_UNDESCRIBED = re.compile(r"!\[\s*\]\(\s*/media/")


def attach_requested() -> bool:
    return "attach_picture" in request.form


def remove_requested() -> bool:
    return "remove_picture" in request.form


def _megabytes(size: int) -> str:
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def _refusal(reason: str) -> str:
    return {
        "empty": _("Choose a picture file: the one sent is empty or missing."),
        "not_image": _(
            "This file is not a picture we accept: send a JPEG, PNG, WebP or GIF (SVG is not accepted)."
        ),
        "too_large": _(
            "This picture is larger than %(size)s.", size=_megabytes(services.MAX_BYTES)
        ),
        "too_many_pixels": _("This picture has too many pixels: at most 25 million are accepted."),
    }[reason]


def markdown_reference(alt: str, path: str) -> str:
    """![alt](/media/...) with the alt text's brackets and line breaks made harmless."""
    safe = " ".join(alt.split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"![{safe}](/media/{path})"


def attach_picture(attach: AttachForm, body_field, member: Member) -> bool:
    """Store the sent picture and add its reference to `body_field`; False with the
    attach form's errors (translated) when it cannot be."""
    attach.validate()
    upload = attach.picture.data
    data = upload.read(services.MAX_BYTES + 1) if upload else b""
    alt = attach.picture_alt.data or ""
    if not alt and not attach.picture_alt.errors:
        attach.picture_alt.errors.append(_("Describe the picture for members who cannot see it."))
    try:
        if attach.picture_alt.errors:  # say what else is wrong, store nothing
            services.check_picture(data)
            return False
        picture = services.store_picture(member, data)
    except ImageRefused as error:
        attach.picture.errors = [_refusal(error.reason)]
    except services.QuotaExceeded as error:
        attach.picture.errors = [
            _(
                "Your pictures already use %(used)s of your %(quota)s: this one does not fit.",
                used=_megabytes(error.used),
                quota=_megabytes(error.quota),
            )
        ]
    except StorageUnavailable:
        attach.picture.errors = [
            _("Pictures cannot be stored at the moment; your message is kept. Try again later.")
        ]
    else:
        db.session.commit()
        body = (body_field.data or "").rstrip()
        body_field.data = f"{body}\n\n{markdown_reference(alt, picture.path)}\n".lstrip()
        attach.picture_alt.data = ""
        attach.attached = picture
        return True
    db.session.rollback()
    return False


def pictures_described(body_field) -> bool:
    """False, with an error on the field, when a picture in the message has no alt text."""
    if _UNDESCRIBED.search(body_field.data or ""):
        body_field.errors = [
            *body_field.errors,
            _(
                "Every picture needs a description: write it between the square brackets of ![description](/media/…)."
            ),
        ]
        return False
    return True


def remove_pending(attach: AttachForm, body_field, member: Member) -> bool:
    """The "Remove" button of a picture the message shows: the member's picture, if no
    post or message uses it yet, goes (its files, its room in the quota), and so do its
    references in the message. False, with the attach form's error, when there is no
    such picture (a second press: it is gone already)."""
    picture_id = parse_id(request.form.get("remove_picture"))
    picture = services.pending_picture(member, picture_id) if picture_id else None
    if picture is None:
        attach.picture.errors = [_("This picture is not among yours waiting to be posted.")]
        return False
    key = picture.key
    services.remove_picture(picture)
    db.session.commit()
    # As attach_picture found it: the words without the blank lines it put before them.
    body_field.data = services.without_picture(body_field.data or "", key).rstrip()
    attach.removed = True
    return True


def list_pending(attach: AttachForm, body_field, member: Member) -> AttachForm:
    """Give the form the pictures its message shows that the member may still remove
    there (theirs, not posted yet), each with its description; one query, none when
    the message shows no picture."""
    source = body_field.data or ""
    pending = services.pending_pictures(member, source)
    alts = services.descriptions(source) if pending else {}
    attach.pending = [(picture, alts.get(picture.key, "")) for picture in pending]
    return attach
