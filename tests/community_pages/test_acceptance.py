"""Registration records the accepted versions; a material change is shown once."""

from __future__ import annotations

from cop.members.models import Member, Role
from cop.pages import services
from cop.pages.models import PolicyAcceptance
from tests.auth.test_register import form


def acceptances(db, member_id: int) -> list[tuple[str, int]]:
    rows = db.session.scalars(
        db.select(PolicyAcceptance).where(PolicyAcceptance.member_id == member_id)
    )
    return sorted((row.slug, row.version) for row in rows)


def publish(db, make_member, slug: str, *, material: bool, version_seen: int) -> None:
    services.save_page(
        slug, "en", title="Changed", body=f"Changed text {version_seen}", material=material,
        author=make_member(role=Role.ADMIN), version_seen=version_seen,
    )  # fmt: skip
    db.session.commit()


def test_registration_requires_both_checkboxes_and_keeps_what_was_typed(client, db):
    response = client.post(
        "/auth/register", data=form(accept_conduct="", accept_privacy="", display_name="Ana P")
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "To join, accept the code of conduct." in html
    assert "To join, accept the privacy notice." in html
    assert 'value="Ana P"' in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Member)) == 0


def test_the_registration_form_links_the_pages(client):
    html = client.get("/auth/register").get_data(as_text=True)
    assert 'href="/pages/code-of-conduct"' in html
    assert 'href="/pages/privacy"' in html


def test_registration_records_the_current_versions(client, db, make_member):
    publish(db, make_member, "privacy", material=True, version_seen=1)
    client.post("/auth/register", data=form())
    member = db.session.scalar(db.select(Member).where(Member.email == "ana@example.org"))
    assert acceptances(db, member.id) == [("code-of-conduct", 1), ("privacy", 2)]
    # What they accepted at registration is not shown again.
    response = client.get("/")
    assert response.status_code == 200


def test_a_material_change_is_shown_once_to_each_member(client, db, make_member, login):
    member = make_member()
    login(member)
    assert client.get("/threads/").status_code == 200
    publish(db, make_member, "code-of-conduct", material=True, version_seen=1)

    first = client.get("/threads/")
    assert first.status_code == 302
    assert first.headers["Location"].startswith("/pages/code-of-conduct/changed")
    page = client.get(first.headers["Location"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Changed text 1" in html
    assert "I have read it" in html

    accepted = client.post(
        "/pages/code-of-conduct/accept", data={"version": "2", "next": "/threads/"}
    )
    assert accepted.status_code == 302
    assert accepted.headers["Location"] == "/threads/"
    assert ("code-of-conduct", 2) in acceptances(db, member.id)
    assert client.get("/threads/").status_code == 200
    assert client.get("/").status_code == 200
    # Pressed twice: one record.
    client.post("/pages/code-of-conduct/accept", data={"version": "2", "next": "/"})
    assert acceptances(db, member.id).count(("code-of-conduct", 2)) == 1


def test_a_change_that_is_not_material_is_not_shown(client, db, make_member, login):
    login(make_member())
    publish(db, make_member, "privacy", material=False, version_seen=1)
    assert client.get("/threads/").status_code == 200


def test_visitors_never_see_the_interstitial(client, db, make_member):
    publish(db, make_member, "privacy", material=True, version_seen=1)
    assert client.get("/threads/").status_code == 200


def test_accepting_a_version_that_does_not_exist_records_nothing(client, db, make_member, login):
    member = make_member()
    login(member)
    for version in ("99", "0", "-1", "abc", "99999999999999999999"):
        response = client.post("/pages/privacy/accept", data={"version": version, "next": "/"})
        assert response.status_code == 302
    assert acceptances(db, member.id) == []


def test_accepting_needs_a_member(client):
    response = client.post("/pages/privacy/accept", data={"version": "1"})
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_the_interstitial_keeps_the_next_address_safe(client, db, make_member, login):
    login(make_member())
    publish(db, make_member, "privacy", material=True, version_seen=1)
    response = client.post(
        "/pages/privacy/accept", data={"version": "2", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"


def test_no_query_is_added_to_members_pages_while_no_policy_changed(make_member, count_queries):
    from cop.pages.queries import policy_owed

    member_id = make_member().id
    with count_queries() as queries:
        assert policy_owed(member_id) is None
    assert len(queries) <= 1  # the material versions, then kept in the cache
    with count_queries() as queries:
        assert policy_owed(member_id) is None
    assert queries == []


def test_members_made_without_the_form_accept_nothing(db, make_member):
    """The CLI's admins, the demo and the fixtures never ticked the boxes."""
    assert acceptances(db, make_member().id) == []


def test_the_acceptances_are_in_the_members_export_and_go_with_the_account(db, client):
    from cop.pages.member_data import policies_part

    client.post("/auth/register", data=form())
    member = db.session.scalar(db.select(Member).where(Member.email == "ana@example.org"))
    part = policies_part(member)
    assert part.name == "policies"
    assert [(row["page"], row["version"]) for row in part.data["accepted"]] == [
        ("code-of-conduct", 1),
        ("privacy", 1),
    ]
    db.session.delete(member)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(PolicyAcceptance)) == 0
