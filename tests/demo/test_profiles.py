"""The demo community's members have full profiles, seeded once."""

from __future__ import annotations

from cop.demo.members import MEMBERS, seed_members
from cop.demo.profiles import PROFILES, seed_profiles
from cop.members.accounts import find_member_by_email


def test_demo_members_get_full_profiles_in_their_languages_once(db):
    seed_members()
    assert seed_profiles() == len(PROFILES)
    db.session.commit()
    omar = find_member_by_email("omar@example.org")
    assert omar.city == "عمّان" and omar.format_locale == "ar_JO"
    assert "<strong>" in omar.bio_html and omar.expertise and omar.languages
    assert {p.email for p in PROFILES} == {m.email for m in MEMBERS}
    omar.city = "Zarqa"
    db.session.commit()
    assert seed_profiles() == 0
    assert find_member_by_email("omar@example.org").city == "Zarqa"
