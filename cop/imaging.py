"""Decoding pictures people upload, safely: the one place that opens their bytes.

Avatars (cop/members/avatars.py) and pictures in posts (cop/pictures) both go through
`open_upload`: a byte limit, the format read from the content (never the file name),
the pixel count checked from the header before any pixel is decoded (decompression
bombs), and only the first frame of an animation (a 1,000-frame GIF costs one frame).
`encode_webp` then writes a new file from the decoded pixels alone, so EXIF (with its
GPS position), ICC, XMP and comments never survive.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's own guard against decompression bombs (it raises at twice this).
Image.MAX_IMAGE_PIXELS = 40_000_000

MAX_PIXELS = 25_000_000  # our cap, checked from the header before decoding anything
MAX_SIDE = 20_000


class ImageRefused(ValueError):
    """The upload cannot be used; `reason` says why (a key the view translates):
    "too_large", "not_image", "too_many_pixels" or "empty"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def open_upload(data: bytes, *, max_bytes: int, accepted: frozenset[str]) -> Image.Image:
    """The first frame of the picture in `data`, decoded, upright, in RGB or RGBA."""
    if not data:
        raise ImageRefused("empty")
    if len(data) > max_bytes:
        raise ImageRefused("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in accepted:
                raise ImageRefused("not_image")
            width, height = image.size
            if width * height > MAX_PIXELS or width > MAX_SIDE or height > MAX_SIDE:
                raise ImageRefused("too_many_pixels")
            image.load()  # the first frame only: later frames are never read
            image = ImageOps.exif_transpose(image)  # phones store "rotate me" in EXIF
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused("too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused("not_image") from error
    return image.convert("RGBA") if _has_alpha(image) else image.convert("RGB")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def encode_webp(image: Image.Image, *, quality: int = 82) -> bytes:
    """A new WEBP file from the pixels alone: no metadata is copied."""
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=quality, method=4)
    return out.getvalue()


def shrink(image: Image.Image, max_side: int) -> Image.Image:
    """A copy no larger than `max_side` on either side, proportions kept."""
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return copy
