"""/media/<key>-<w>x<h>.webp: pictures of posts, served without a session cookie.

A picture of a post everyone may read is answered without looking at the session; any
cache may keep it but asks again each time (a 304: the name is the content's hash), so a
picture removed or hidden stops at once. Others (a hidden post's, one
not posted yet) are answered only to who may see them, kept by their browser alone;
to anyone else they do not exist (404).
"""

from __future__ import annotations

import re

from flask import abort, send_file
from flask_login import current_user

from cop import cachepolicy
from cop.pictures import bp, services, visibility

_NAME = re.compile(r"^([0-9a-f]{64})-(\d{1,5})x(\d{1,5})\.webp$")
MEDIA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"


@bp.get("/<string:picture_name>")
def media(picture_name: str):
    match = _NAME.match(picture_name)
    if match is None:
        abort(404)
    key = match.group(1)
    rows = services.pictures_of_file(key)
    public = any(visibility.can_see(p.used_by, p.owner_id, None) for p in rows)
    if not public:
        viewer = current_user if current_user.is_authenticated else None
        if not any(visibility.can_see(p.used_by, p.owner_id, viewer) for p in rows):
            abort(404)
    path = services.storage().local_path(key)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype="image/webp", etag=key, conditional=True, max_age=None)
    response.headers["Content-Disposition"] = 'inline; filename="picture.webp"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if public:
        # Not immutable: a picture removed, or its post hidden, must stop at once in every
        # cache too; a cache asks again and gets a 304 (the file's hash is its ETag).
        cachepolicy.public_revalidated(response)
    else:
        cachepolicy.private_revalidated(response)
    return response
