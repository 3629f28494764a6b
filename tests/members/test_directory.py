"""The member directory: search, filters, privacy, a fixed number of queries."""

from __future__ import annotations

import pytest

from cop.members import services
from cop.members.models import OrganisationKind, Profession, Visibility


@pytest.fixture
def community(make_member, db):
    def person(name, country, kind, role, langs, tags, visibility=Visibility.PUBLIC, org=None):
        member = make_member(display_name=name, country=country)
        services.update_profile(
            member,
            services.ProfileChanges(
                display_name=name, organisation=org, organisation_kind=kind, profession=role,
                country=country, languages=langs, expertise=tags, visibility=visibility,
            ),
        )  # fmt: skip
        db.session.commit()
        return member

    return {
        "sami": person("Sami Ben Salah", "TN", OrganisationKind.NETWORK, Profession.SSE_PRACTITIONER,
                       ["ar", "fr"], ["complementary_currencies"], org="Réseau tunisien ESS"),
        "amina": person("أمينة الطرابلسي", "TN", OrganisationKind.NGO, Profession.NGO_PRACTITIONER,
                        ["ar"], ["social_inclusion"], visibility=Visibility.MEMBERS),
        "nikos": person("Νίκος Παπαδόπουλος", "GR", OrganisationKind.PUBLIC_ADMINISTRATION,
                        Profession.POLICY_MAKER, ["el", "en"], ["co_production"],
                        org="Δήμος Θεσσαλονίκης"),
        "ines": person("Inês Carvalho", "PT", OrganisationKind.UNIVERSITY, Profession.RESEARCHER,
                       ["pt", "en"], ["co_production", "evaluation"]),
    }  # fmt: skip


def _names(client, query=""):
    page = client.get("/members/" + query).get_data(as_text=True)
    return {name for name in ("Sami Ben Salah", "أمينة الطرابلسي", "Νίκος Παπαδόπουλος",
                              "Inês Carvalho") if name in page}  # fmt: skip


def test_visitors_see_only_public_profiles(client, community):
    assert _names(client) == {"Sami Ben Salah", "Νίκος Παπαδόπουλος", "Inês Carvalho"}


def test_members_see_everyone(client, community, login, make_member):
    login(make_member())
    assert "أمينة الطرابلسي" in _names(client)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?country=TN", {"Sami Ben Salah", "أمينة الطرابلسي"}),
        ("?country=TN&expertise=complementary+currencies", {"Sami Ben Salah"}),
        ("?expertise=Co-Production", {"Νίκος Παπαδόπουλος", "Inês Carvalho"}),
        ("?kind=ngo", {"أمينة الطرابلسي"}),
        ("?role=policy_maker", {"Νίκος Παπαδόπουλος"}),
        ("?language=ar", {"Sami Ben Salah", "أمينة الطرابلسي"}),
        ("?q=θεσσαλον", {"Νίκος Παπαδόπουλος"}),
        ("?q=sami", {"Sami Ben Salah"}),
        ("?q=ESS", {"Sami Ben Salah"}),
        ("?q=100%25", set()),
        ("?kind=bank&role=king&page=zero", {"Sami Ben Salah", "أمينة الطرابلسي",
                                            "Νίκος Παπαδόπουλος", "Inês Carvalho"}),
    ],
)  # fmt: skip
def test_directory_filters(client, community, login, make_member, query, expected):
    login(make_member())
    assert _names(client, query) == expected


def test_the_directory_is_paginated(client, make_member, login, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 2)
    members = [make_member(display_name=f"Person {i}") for i in range(5)]
    login(members[0])
    page3 = client.get("/members/?page=3").get_data(as_text=True)
    assert "Person 4" in page3 and "Person 1" not in page3
    assert "Page 3 of 3" in page3
    assert client.get("/members/?page=99").status_code == 200


def test_the_directory_runs_a_fixed_number_of_queries(
    client, make_member, login, count_queries, db
):
    viewer = make_member()
    login(viewer)

    def add(n):
        for i in range(n):
            m = make_member(display_name=f"Someone {i}")
            services.update_profile(m, services.ProfileChanges(
                display_name=m.display_name, country="ES", languages=["es", "en"],
                expertise=["training", "co_production"], visibility=Visibility.PUBLIC))  # fmt: skip
        db.session.commit()

    add(2)
    with count_queries() as few:
        assert client.get("/members/?language=es").status_code == 200
    add(15)
    with count_queries() as many:
        assert client.get("/members/?language=es").status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 8  # with the content version that keys the cached regions


def test_directory_filters_use_indexes(db):
    from sqlalchemy import inspect

    inspector = inspect(db.engine)
    member_indexes = {tuple(i["column_names"]) for i in inspector.get_indexes("members")}
    assert {
        ("country",),
        ("organisation_kind",),
        ("profession",),
        ("visibility", "country"),
    } <= member_indexes
    assert ("code",) in {
        tuple(i["column_names"]) for i in inspector.get_indexes("member_languages")
    }
    assert ("tag",) in {tuple(i["column_names"]) for i in inspector.get_indexes("member_expertise")}
