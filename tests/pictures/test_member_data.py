"""A member's pictures in their data export, and what closing an account does to them."""

from __future__ import annotations

import pytest

from cop.pictures import member_data, services
from cop.pictures.models import Picture
from tests.pictures.conftest import picture_bytes


def test_the_export_holds_each_picture_and_its_file(db, make_member):
    member = make_member()
    picture = services.store_picture(member, picture_bytes())
    part = member_data.pictures_part(member)
    assert part.name == "pictures"
    assert part.data[0]["address"] == f"/media/{picture.path}"
    opener = part.files[f"pictures/{picture.key}.webp"]
    with opener() as handle:
        assert handle.read() == services.storage().local_path(picture.key).read_bytes()
    assert member_data.pictures_part(make_member()) is None


@pytest.mark.parametrize("delete_posts", [False, True])
def test_closing_keeps_posted_pictures_with_the_anonymized_posts(db, make_member, delete_posts):
    member = make_member()
    posted = services.store_picture(member, picture_bytes())
    posted.used_by = "post:1"
    unposted = services.store_picture(member, picture_bytes(size=(30, 30)))
    unposted_file = services.storage().local_path(unposted.key)
    member_data.remove_pictures_on_closing(member, delete_posts=delete_posts)
    db.session.commit()
    left = db.session.query(Picture).all()
    assert [p.key for p in left] == ([] if delete_posts else [posted.key])
    assert not unposted_file.exists()
