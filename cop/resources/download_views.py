"""Downloading a resource's file, counted once per visitor and day."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, request
from flask_login import current_user

from cop.extensions import db
from cop.resources import bp, services
from cop.resources.downloads import send_resource_file
from cop.resources.models import ResourceFile
from cop.resources.views import file_of, visible_resource


def _counts_as_download() -> bool:
    """A HEAD, or a Range that resumes past the first byte, is not a new download."""
    if request.method != "GET":
        return False
    ranges = request.range
    return ranges is None or all(start == 0 for start, _end in ranges.ranges)


@bp.get("/<int:resource_id>/files/<int:file_id>/download")
def download(resource_id: int, file_id: int):
    resource = visible_resource(resource_id)
    file = file_of(resource, file_id)
    # Built first: a missing blob is a 404 that counts nothing, a 304 is no new download.
    response = send_resource_file(file)
    if response.status_code in (200, 206) and _counts_as_download():
        try:
            _count_download(file)
        except Exception:
            response.close()
            raise
    return response


def _count_download(file: ResourceFile) -> None:
    member = current_user._get_current_object() if current_user.is_authenticated else None
    today = datetime.now(UTC).date()
    visitor = services.visitor_key(
        member=member,
        address=request.remote_addr,
        secret=current_app.config["SECRET_KEY"],
        day=today,
    )
    services.record_download(file, member=member, visitor=visitor, day=today)
    db.session.commit()
