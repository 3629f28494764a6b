"""Re-encoding pictures: metadata gone, bombs and animations bounded, quota counted."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from cop.imaging import ImageRefused
from cop.pictures import services
from cop.pictures.models import Picture
from tests.pictures.conftest import (
    SVG,
    animated_gif,
    jpeg_with_gps_and_script,
    picture_bytes,
    pixel_bomb,
)


def _stored(picture: Picture) -> bytes:
    return services.storage().local_path(picture.key).read_bytes()


def test_a_picture_is_re_encoded_as_webp_named_by_its_content_hash(db, make_member):
    member = make_member()
    picture = services.store_picture(member, picture_bytes(size=(3000, 1500)))
    data = _stored(picture)
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP"
    assert (picture.width, picture.height) == (1600, 800) == image.size
    assert (picture.thumb_width, picture.thumb_height) == (320, 160)
    import hashlib

    assert picture.key == hashlib.sha256(data).hexdigest()
    assert picture.size_bytes == len(data) + len(
        services.storage().local_path(picture.thumb_key).read_bytes()
    )


def test_the_output_holds_no_metadata_gps_or_script(db, make_member):
    picture = services.store_picture(make_member(), jpeg_with_gps_and_script())
    data = _stored(picture)
    assert b"script" not in data
    assert b"Secret" not in data
    assert b"Exif" not in data and b"XMP" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert "exif" not in image.info and "xmp" not in image.info


def test_a_thousand_frame_gif_is_flattened_to_its_first_frame_quickly(db, make_member):
    data = animated_gif(1000)
    started = time.monotonic()
    picture = services.store_picture(make_member(), data)
    assert time.monotonic() - started < 5
    image = Image.open(io.BytesIO(_stored(picture)))
    assert getattr(image, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 not a picture", "not_image"),
        (SVG, "not_image"),
        (picture_bytes("BMP"), "not_image"),
        (pixel_bomb(), "too_many_pixels"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not_image"),
        (picture_bytes()[:200], "not_image"),
    ],
    ids=["empty", "text", "svg", "bmp", "pixel-bomb", "png-header-only", "truncated"],
)
def test_bad_input_is_refused_and_nothing_is_stored(db, make_member, data, reason):
    member = make_member()
    with pytest.raises(ImageRefused) as refused:
        services.store_picture(member, data)
    assert refused.value.reason == reason
    assert db.session.query(Picture).count() == 0
    assert not list(services.storage().root.glob("??/??/*"))


def test_a_file_over_the_byte_limit_is_refused(db, make_member, monkeypatch):
    monkeypatch.setattr(services, "MAX_BYTES", 1000)
    with pytest.raises(ImageRefused) as refused:
        services.store_picture(make_member(), picture_bytes(size=(800, 800)))
    assert refused.value.reason == "too_large"


def test_the_quota_counts_re_encoded_bytes_and_refuses_beyond_it(app, db, make_member):
    member = make_member()
    first = services.store_picture(member, picture_bytes(size=(200, 200)))
    assert services.used_bytes(member) == first.size_bytes
    app.config["PICTURES_QUOTA_MB"] = 0
    try:
        with pytest.raises(services.QuotaExceeded) as exceeded:
            services.store_picture(member, picture_bytes(size=(300, 300)))
    finally:
        app.config["PICTURES_QUOTA_MB"] = 50
    assert exceeded.value.used == first.size_bytes
    assert db.session.query(Picture).count() == 1


def test_the_same_picture_twice_is_one_row_counted_once(db, make_member):
    member = make_member()
    first = services.store_picture(member, picture_bytes())
    again = services.store_picture(member, picture_bytes())
    assert first.id == again.id
    assert services.used_bytes(member) == first.size_bytes


def test_a_post_claims_only_its_authors_unused_pictures(db, make_member):
    author, other = make_member(), make_member()
    mine = services.store_picture(author, picture_bytes())
    theirs = services.store_picture(other, picture_bytes(size=(10, 10)))
    source = f"![a](/media/{mine.path}) ![b](/media/{theirs.path})"
    assert services.claim_pictures(author, source, "post:7") == 1
    assert mine.used_by == "post:7" and theirs.used_by is None


def test_unused_pictures_are_pruned_after_a_day_with_their_files(db, make_member):
    member = make_member()
    unused = services.store_picture(member, picture_bytes())
    used = services.store_picture(member, picture_bytes(size=(50, 50)))
    used.used_by = "post:1"
    db.session.commit()
    assert services.prune_orphans() == 0
    path = services.storage().local_path(unused.key)
    assert services.prune_orphans(seconds=-1) == 1
    db.session.commit()
    assert not path.exists()
    assert services.storage().local_path(used.key).exists()
    assert db.session.query(Picture).count() == 1


def test_the_minutes_cron_prunes_day_old_unused_pictures(app, db, make_member):
    from datetime import timedelta

    from cop.models import utcnow

    picture = services.store_picture(make_member(), picture_bytes())
    picture.created_at = utcnow() - timedelta(days=2)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "send-notifications", "--no-jobs"])
    assert result.exit_code == 0, result.output
    assert db.session.query(Picture).count() == 0


def test_the_prune_command_reports_what_it_removed(app, db, make_member):
    result = app.test_cli_runner().invoke(args=["pictures", "prune"])
    assert "Removed 0 unused pictures." in result.output


# A picture's references taken out of a message (removing one)

KEY, OTHER = "a" * 64, "b" * 64


def test_a_removed_pictures_image_leaves_the_message_and_others_stay():
    source = (
        f"Look:\n\n![A blue \\] square](/media/{KEY}-640x480.webp)\n\n"
        f'Inline ![x](</media/{KEY}-1x1.webp> "title") here.\n'
        f"![Kept](/media/{OTHER}-3x3.webp)"
    )
    assert services.without_picture(source, KEY) == (
        f"Look:\n\nInline  here.\n![Kept](/media/{OTHER}-3x3.webp)"
    )
    pair = f"a\n\n![x](/media/{KEY}-1x1.webp)\n\n![y](/media/{KEY}-1x1.webp)\n\nb"
    assert services.without_picture(pair, KEY) == "a\n\nb"


def test_any_other_mention_of_its_address_loses_the_address():
    source = f"[see](/media/{KEY}-2x2.webp) and ![a\nb](/media/{KEY}-2x2.webp)\n[1]: /media/{KEY}-2x2.webp"
    assert KEY not in services.without_picture(source, KEY)
    assert services.without_picture(source, "not a key") == source


def test_descriptions_are_read_unescaped_per_picture():
    source = f"![A \\[big\\] sea](/media/{KEY}-9x9.webp) ![Second](/media/{KEY}-9x9.webp)"
    assert services.descriptions(source) == {KEY: "A [big] sea"}


@pytest.mark.parametrize(
    "hostile", ["![" * 15_000, ("![" + "a" * 999 + "](") * 30, "![a](/media/" * 3_000]
)
def test_hostile_messages_are_searched_quickly(hostile):
    started = time.monotonic()
    services.without_picture(hostile, KEY)
    services.descriptions(hostile)
    assert time.monotonic() - started < 0.5
