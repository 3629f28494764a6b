"""Editing and showing profiles: fields, sanitizing, privacy."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cop.members.models import OrganisationKind, Profession, Visibility

FULL_PROFILE = {
    "display_name": "Inês Carvalho",
    "organisation": "Universidade de Coimbra",
    "organisation_kind": "university",
    "profession": "researcher",
    "country": "PT",
    "city": "Coimbra",
    "languages": ["pt", "es", "en"],
    "expertise": "Co-production, social services, moedas sociais",
    "bio": "I study **co-production**.\n\n<script>alert(1)</script>",
    "link1": "https://www.ces.uc.pt/",
    "link2": "",
    "link3": "https://example.org/inês",
    "visibility": "public",
}


def test_a_member_completes_their_profile(client, make_member, login, db):
    member = make_member()
    login(member)
    response = client.post("/members/settings/profile", data=FULL_PROFILE)
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.display_name == "Inês Carvalho"
    assert member.organisation_kind is OrganisationKind.UNIVERSITY
    assert member.profession is Profession.RESEARCHER
    assert member.country == "PT" and member.city == "Coimbra"
    assert sorted(x.code for x in member.languages) == ["en", "es", "pt"]
    # Suggested areas are stored by key, whatever their case; others as written.
    assert sorted(x.tag for x in member.expertise) == [
        "co_production", "moedas sociais", "social_services"
    ]  # fmt: skip
    assert member.links == ["https://www.ces.uc.pt/", "https://example.org/inês"]
    assert "<strong>co-production</strong>" in member.bio_html
    assert "<script" not in member.bio_html
    assert member.visibility is Visibility.PUBLIC


def test_the_profile_page_shows_the_profile_but_never_the_email(client, make_member, login):
    member = make_member(email="hidden-address@example.org")
    login(member)
    client.post("/members/settings/profile", data=FULL_PROFILE)
    client.post("/auth/sign-out")
    page = client.get(f"/members/{member.handle}").get_data(as_text=True)
    for text in ("Inês Carvalho", "Universidade de Coimbra", "University or research centre",
                 "Researcher", "Coimbra", "Portugal", "co-production", "social services",
                 "moedas sociais", "ces.uc.pt", "<strong>co-production</strong>"):  # fmt: skip
        assert text in page, text
    assert "hidden-address" not in page
    assert "<script>alert" not in page


def test_editing_shows_the_saved_values(client, make_member, login):
    member = make_member()
    login(member)
    client.post("/members/settings/profile", data=FULL_PROFILE)
    page = client.get("/members/settings/profile").get_data(as_text=True)
    assert 'value="Universidade de Coimbra"' in page
    assert "co-production, moedas sociais, social services" in page
    assert 'value="https://www.ces.uc.pt/"' in page


def test_members_only_profiles_show_visitors_only_the_name(client, make_member, login):
    member = make_member()
    login(member)
    client.post("/members/settings/profile", data={**FULL_PROFILE, "visibility": "members"})
    client.post("/auth/sign-out")
    page = client.get(f"/members/{member.handle}").get_data(as_text=True)
    assert "Inês Carvalho" in page
    assert "Universidade de Coimbra" not in page
    assert "signed-in members only" in page
    login(make_member())
    assert "Universidade de Coimbra" in client.get(f"/members/{member.handle}").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link1", "javascript:alert(1)", "https://"),
        ("link2", "ftp://example.org/file", "https://"),
        ("display_name", "", "Enter the name"),
        ("display_name", "x" * 81, "at most 80"),
        ("bio", "x" * 2001, "at most 2000"),
        ("country", "XX", "Not a valid choice"),
        ("organisation_kind", "bank", "Not a valid choice"),
        ("visibility", "everyone", "Not a valid choice"),
        ("expertise", ", ".join(f"area {i}" for i in range(13)), "at most 12"),
    ],
)
def test_bad_profile_input_is_refused_and_kept(client, make_member, login, field, value, message):
    login(make_member())
    response = client.post("/members/settings/profile", data={**FULL_PROFILE, field: value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert "Universidade de Coimbra" in page  # what the member typed is still there


def _naughty_strings(n: int = 25) -> list[str]:
    strings = json.loads(Path("/work/shared/corpora/blns.json").read_text())
    return random.Random(5).sample([s for s in strings if s.strip()], n)


@pytest.mark.parametrize("text", _naughty_strings())
def test_naughty_strings_in_free_text_fields_do_not_break_the_profile(
    client, make_member, login, text
):
    member = make_member()
    login(member)
    data = {**FULL_PROFILE, "display_name": text[:80], "organisation": text[:160],
            "city": text[:80], "bio": text, "expertise": text[:200]}  # fmt: skip
    response = client.post("/members/settings/profile", data=data)
    assert response.status_code in (302, 422)
    assert client.get(f"/members/{member.handle}").status_code == 200
    assert client.get("/members/?q=" + text[:50]).status_code == 200


def test_an_unknown_profile_is_not_found(client):
    assert client.get("/members/nobody-here").status_code == 404


def test_settings_is_not_a_handle_anyone_can_take(make_member):
    assert make_member(display_name="Settings").handle == "settings2"


def test_the_profile_lists_threads_and_replies_in_a_fixed_number_of_queries(
    client, make_member, login, db, count_queries
):
    from cop.threads import services as threads

    author = make_member(display_name="Busy Writer")
    category = threads.save_category(
        None, slug="general", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "General", "About")],
    )  # fmt: skip

    def write(n):
        for i in range(n):
            thread = threads.start_thread(
                author=author,
                category=category,
                title=f"Thread title {i}",
                body="Body",
                language="en",
            )
            threads.reply_to_thread(author=author, thread=thread, body="More", language="en")
        db.session.commit()

    login(make_member())
    write(1)
    with count_queries() as few:
        page = client.get(f"/members/{author.handle}").get_data(as_text=True)
    assert "Thread title 0" in page
    write(14)
    with count_queries() as many:
        page = client.get(f"/members/{author.handle}").get_data(as_text=True)
    assert len(many) == len(few)
    assert "Page 1 of 2" in page
    second = client.get(f"/members/{author.handle}?threads_page=2").get_data(as_text=True)
    assert "Thread title 0" in second


def test_the_service_keeps_only_web_links(make_member, db):
    from cop.members import services

    member = make_member()
    services.update_profile(member, services.ProfileChanges(
        display_name="X", links=["javascript:alert(1)", "https://ok.example", "data:text/html,x",
                                 "http://also.example/path", "https://third.example"]))  # fmt: skip
    assert member.links == [
        "https://ok.example",
        "http://also.example/path",
        "https://third.example",
    ]
