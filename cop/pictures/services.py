"""Storing, attaching and removing pictures. Services add and flush, never commit.

Files live with the other uploads (cop.resources.storage's LocalStorage, in the
`pictures` folder of UPLOAD_FOLDER), named by the SHA-256 of the re-encoded bytes.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from cop import imaging, signals
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.pictures.models import Picture
from cop.storage import LocalStorage

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF"})
MAX_BYTES = 10 * 1024 * 1024  # one upload, before re-encoding
MAX_SIDE = 1600  # shown in a post: sharp on a phone, light on a slow link
THUMB_SIDE = 320
ORPHAN_SECONDS = 24 * 60 * 60
# The Markdown reference a picture gets in a post: ![alt](/media/<key>-<w>x<h>.webp)
REFERENCE = re.compile(r"/media/([0-9a-f]{64})-(\d{1,5})x(\d{1,5})\.webp")


class QuotaExceeded(Exception):
    def __init__(self, used: int, quota: int):
        super().__init__(used, quota)
        self.used = used
        self.quota = quota


def storage() -> LocalStorage:
    return LocalStorage(f"{current_app.config['UPLOAD_FOLDER']}/pictures")


def quota_bytes() -> int:
    return int(current_app.config["PICTURES_QUOTA_MB"]) * 1024 * 1024


def used_bytes(member: Member) -> int:
    total = db.session.scalar(
        select(func.coalesce(func.sum(Picture.size_bytes), 0)).where(Picture.owner_id == member.id)
    )
    return int(total or 0)


def _put(store: LocalStorage, data: bytes) -> str:
    staged = store.stage(io.BytesIO(data))
    store.put(staged)
    return staged.sha256


def check_picture(data: bytes) -> None:
    """Raise imaging.ImageRefused if `data` cannot be a picture; store nothing."""
    imaging.open_upload(data, max_bytes=MAX_BYTES, accepted=ACCEPTED_FORMATS)


def store_picture(member: Member, data: bytes) -> Picture:
    """Re-encode `data` (cop.imaging), store it with its thumbnail, add its row.

    Raises imaging.ImageRefused or QuotaExceeded before anything is stored; the same
    picture uploaded twice by the same member is one row, counted once.
    """
    image = imaging.open_upload(data, max_bytes=MAX_BYTES, accepted=ACCEPTED_FORMATS)
    full = imaging.shrink(image, MAX_SIDE)
    thumb = imaging.shrink(image, THUMB_SIDE)
    full_bytes, thumb_bytes = imaging.encode_webp(full), imaging.encode_webp(thumb, quality=75)
    size = len(full_bytes) + len(thumb_bytes)
    used, quota = used_bytes(member), quota_bytes()
    if used + size > quota:
        raise QuotaExceeded(used, quota)
    store = storage()
    key, thumb_key = _put(store, full_bytes), _put(store, thumb_bytes)
    insert_ignore(
        Picture,
        ["owner_id", "key"],
        owner_id=member.id,
        key=key,
        width=full.width,
        height=full.height,
        thumb_key=thumb_key,
        thumb_width=thumb.width,
        thumb_height=thumb.height,
        size_bytes=size,
        created_at=utcnow(),
    )
    picture = db.session.scalar(
        select(Picture).where(Picture.owner_id == member.id, Picture.key == key)
    )
    logger.info("picture %s stored for member %s", picture.id, member.id)
    return picture


def referenced_keys(source: str) -> list[str]:
    """The picture keys a Markdown source refers to, in order, each once."""
    return list(dict.fromkeys(m.group(1) for m in REFERENCE.finditer(source or "")))


def claim_pictures(author: Member | None, source: str, use: str) -> int:
    """Mark the author's unused pictures referred to in `source` as used by `use`."""
    keys = referenced_keys(source)
    if author is None or not keys:
        return 0
    pictures = db.session.scalars(
        select(Picture).where(
            Picture.owner_id == author.id, Picture.key.in_(keys), Picture.used_by.is_(None)
        )
    ).all()
    for picture in pictures:
        picture.used_by = use
    db.session.flush()
    return len(pictures)


# An image's alt text as the attach button writes it (markdown_reference): brackets
# escaped, on one line, bounded, so a search over a hostile body of "![" stays linear.
# Any other form of it loses its address all the same (without_picture).
ALT = r"!\[((?:\\.|[^\\\[\]\n]){0,1000})\]"


def _images_of(key: str) -> str:
    """The Markdown images showing the picture with this key: ![alt](/media/<key>-...)."""
    address = rf"/media/{key}-\d{{1,5}}x\d{{1,5}}\.webp"
    return ALT + rf"\(\s*<?{address}>?(?:\s+\"[^\"\n]*\")?\s*\)"


def without_picture(source: str, key: str) -> str:
    """`source` with no reference to the picture `key` left: an image alone on its line
    goes with its line (and the blank line before it: the paragraphs around close up),
    one within words goes alone, and any other mention of its address (a link, a
    reference definition) loses the address."""
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        return source
    images = _images_of(key)
    source = re.sub(rf"(?m)(?:^[ \t]*\n)?^[ \t]*{images}[ \t]*(?:\n|\Z)", "", source)
    source = re.sub(images, "", source)
    return re.sub(rf"/media/{key}-\d{{1,5}}x\d{{1,5}}\.webp", "", source)


_DESCRIBED = re.compile(ALT + r"\(\s*<?" + REFERENCE.pattern)


def descriptions(source: str) -> dict[str, str]:
    """The alt text each picture key has in `source` (its first image), unescaped."""
    found: dict[str, str] = {}
    for match in _DESCRIBED.finditer(source or ""):
        alt = re.sub(r"\\(.)", r"\1", " ".join(match.group(1).split()))
        found.setdefault(match.group(2), alt)
    return found


def pending_pictures(member: Member, source: str) -> list[Picture]:
    """The member's pictures no post or message uses yet that `source` shows, in order."""
    keys = referenced_keys(source)
    if not keys:
        return []
    rows = db.session.scalars(
        select(Picture).where(
            Picture.owner_id == member.id, Picture.key.in_(keys), Picture.used_by.is_(None)
        )
    ).all()
    return sorted(rows, key=lambda picture: keys.index(picture.key))


def pending_picture(member: Member, picture_id: int) -> Picture | None:
    """The member's picture with this id, if no post or message uses it yet."""
    return db.session.scalar(
        select(Picture).where(
            Picture.id == picture_id, Picture.owner_id == member.id, Picture.used_by.is_(None)
        )
    )


def pictures_used_by(use: str) -> list[Picture]:
    """The pictures a post or a message ("post:12") uses, in the order they came."""
    return list(
        db.session.scalars(select(Picture).where(Picture.used_by == use).order_by(Picture.id))
    )


def picture_used_by(use: str, picture_id: int) -> Picture | None:
    """The picture with this id if the post or message `use` names uses it."""
    picture = db.session.get(Picture, picture_id)
    return picture if picture is not None and picture.used_by == use else None


def remove_used_picture(
    holder: object, picture: Picture, *, actor: Member, reason: str = ""
) -> None:
    """The end of removing a picture from a post or a message, once its words have lost
    it: picture_removed tells search, the audit log and translations, then the row, the
    files and the quota go."""
    signals.picture_removed.send(
        holder,
        actor=actor,
        picture_id=picture.id,
        owner_id=picture.owner_id,
        key=picture.key,
        reason=reason,
    )
    remove_picture(picture)
    logger.info("member %s removed picture %s from %r", actor.id, picture.id, holder)


def pictures_of_file(key: str, limit: int = 20) -> list[Picture]:
    """The rows whose full or thumbnail file is `key`: members who uploaded the same
    picture share its file, and each row has its own post and visibility."""
    return list(
        db.session.scalars(
            select(Picture)
            .where((Picture.key == key) | (Picture.thumb_key == key))
            .order_by(Picture.id)
            .limit(limit)
        )
    )


def remove_picture(picture: Picture) -> None:
    """Delete the row, and the files when no other row shows them: the owner's quota
    counts it no more. What showed it (a post, a message, a form) is the caller's."""
    keys = {picture.key, picture.thumb_key}
    db.session.delete(picture)
    db.session.flush()
    _delete_unreferenced(keys)
    logger.info("picture %s of member %s removed", picture.id, picture.owner_id)


def _delete_unreferenced(keys: set[str]) -> None:
    store = storage()
    for key in keys:
        still = db.session.scalar(
            select(Picture.id).where((Picture.key == key) | (Picture.thumb_key == key)).limit(1)
        )
        if still is None:
            try:
                store.delete(key)
            except OSError as error:  # the row is gone all the same: nobody is shown it
                logger.error("picture file %s left on disk: %s", key, error)


def prune_orphans(seconds: float = ORPHAN_SECONDS) -> int:
    """Remove pictures uploaded more than `seconds` ago that no post or message uses."""
    limit = utcnow() - timedelta(seconds=seconds)
    orphans = db.session.scalars(
        select(Picture).where(Picture.used_by.is_(None), Picture.created_at < limit)
    ).all()
    keys = {k for p in orphans for k in (p.key, p.thumb_key)}
    if orphans:
        db.session.execute(delete(Picture).where(Picture.id.in_([p.id for p in orphans])))
        db.session.flush()
        _delete_unreferenced(keys)
        logger.info("pruned %s unused pictures", len(orphans))
    return len(orphans)
