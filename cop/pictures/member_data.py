"""A member's pictures in their export and when their account closes.

Posts stay, anonymized, when an account closes (unless the member asked for them to be
deleted): their pictures stay with them. Pictures never posted go at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from sqlalchemy import select

from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member
from cop.pictures import services
from cop.pictures.models import Picture


def register() -> None:
    register_export_part("pictures", pictures_part, order=35)
    register_closing_step(remove_pictures_on_closing)


def _reader(key: str) -> Callable[[], BinaryIO]:
    def open_file() -> BinaryIO:
        return services.storage().local_path(key).open("rb")

    return open_file


def pictures_part(member: Member) -> ExportPart | None:
    pictures = db.session.scalars(
        select(Picture).where(Picture.owner_id == member.id).order_by(Picture.id)
    ).all()
    if not pictures:
        return None
    files: dict[str, bytes | Callable[[], BinaryIO]] = {}
    data = []
    for picture in pictures:
        path = f"pictures/{picture.key}.webp"
        files[path] = _reader(picture.key)
        data.append(
            {
                "file": f"files/{path}",
                "address": f"/media/{picture.path}",
                "width": picture.width,
                "height": picture.height,
                "used_by": picture.used_by,
                "created_at": iso(picture.created_at),
            }
        )
    return ExportPart("pictures", data, files)


def remove_pictures_on_closing(member: Member, *, delete_posts: bool) -> None:
    query = select(Picture).where(Picture.owner_id == member.id)
    if not delete_posts:
        query = query.where(Picture.used_by.is_(None))
    for picture in db.session.scalars(query).all():
        services.remove_picture(picture)
