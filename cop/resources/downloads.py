"""Serving a stored file as an attachment, or handing it to the front web server.

Config SENDFILE_HEADER (env COP_SENDFILE_HEADER):
- unset: Flask streams the file itself, with Range and ETag support (conditional=True);
- "X-Accel-Redirect": nginx serves SENDFILE_PREFIX + "ab/cd/<sha256>" from an
  `internal` location aliased to the upload folder;
- "X-Sendfile": Apache (mod_xsendfile) or lighttpd serve the absolute path.

The app still checks permission and counts the download; the front server only moves
the bytes, keeping the Content-Type and Content-Disposition set here. For nginx:

    location /protected-uploads/ {
        internal;
        alias /srv/cop/instance/uploads/;   # UPLOAD_FOLDER, with a trailing slash
    }
"""

from __future__ import annotations

import logging
import re
import unicodedata
from urllib.parse import quote

from flask import Response, abort, current_app, send_file

from cop import cachepolicy
from cop.resources.filetypes import extension_of
from cop.resources.models import ResourceFile
from cop.resources.storage import StorageUnavailable, get_storage

logger = logging.getLogger(__name__)

_NOT_PORTABLE = re.compile(r"[^A-Za-z0-9._ ()+-]")


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback name and the UTF-8 name (RFC 6266 and 5987)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = " ".join(_NOT_PORTABLE.sub("_", fallback).split())
    extension = extension_of(name)
    if not fallback.removesuffix(extension).strip(" ._"):
        fallback = "download" + extension
    quoted = quote(name, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quoted}"


def send_resource_file(file: ResourceFile) -> Response:
    storage = get_storage()
    key = file.blob.sha256
    header = current_app.config.get("SENDFILE_HEADER")
    if header:
        response = _handed_over(header, storage, key, file)
    else:
        path = storage.local_path(key)
        if not path.is_file():
            logger.error("blob %s of resource file %s is missing", key, file.id)
            abort(404)
        try:
            response = send_file(
                path,
                mimetype=file.content_type,
                as_attachment=True,
                download_name=file.original_name,
                conditional=True,
                etag=key,
                last_modified=file.created_at,
                max_age=None,  # the policy below replaces send_file's year
            )
        except OSError as error:  # unreadable (permissions, a failing disk): 503, not 500
            logger.error("blob %s of resource file %s cannot be read: %s", key, file.id, error)
            raise StorageUnavailable(str(error)) from error
    response.headers["Content-Disposition"] = content_disposition(file.original_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Revalidated each time (cheap with the ETag): a removed resource stops being served.
    # Only moderators see a removed one: no shared cache may keep it.
    if file.resource.is_removed:
        cachepolicy.private_revalidated(response)
    else:
        cachepolicy.public_revalidated(response)
    return response


def _handed_over(header: str, storage, key: str, file: ResourceFile) -> Response:
    response = Response(status=200, mimetype=file.content_type)
    if header.lower() == "x-accel-redirect":
        prefix = current_app.config["SENDFILE_PREFIX"].rstrip("/")
        response.headers["X-Accel-Redirect"] = f"{prefix}/{storage.relative_path(key)}"
    else:
        response.headers[header] = str(storage.local_path(key).resolve())
    response.set_etag(key)
    response.last_modified = file.created_at
    return response
