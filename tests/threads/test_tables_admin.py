"""Administrators create discussion tables with names in every language."""

from __future__ import annotations

from sqlalchemy import func, select

from cop.members.models import Role
from cop.threads import queries
from cop.threads.models import Category


def _form(**fields):
    data = {"slug": "public-procurement", "position": "3", "original_locale": "es"}
    data.update({"name_es": "Contratación pública", "description_es": "Cláusulas sociales"})
    data.update({"name_ar": "المشتريات العامة", "description_ar": ""})
    data.update(fields)
    return data


def test_an_admin_creates_a_table_with_translations(client, login, make_member, db):
    login(make_member(role=Role.ADMIN))
    response = client.post("/threads/manage/tables/new", data=_form())
    assert response.status_code == 302
    table = queries.category_by_slug("public-procurement")
    assert table.name_in("ar") == "المشتريات العامة"
    assert table.name_in("pt") == "Contratación pública"
    response = client.post(
        f"/threads/manage/tables/{table.id}", data=_form(name_pt="Contratação pública")
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert table.name_in("pt") == "Contratação pública"
    page = client.get(f"/threads/manage/tables/{table.id}").get_data(as_text=True)
    assert "Contratação pública" in page


def test_a_table_needs_a_name_in_its_original_language(client, login, make_member, db):
    login(make_member(role=Role.ADMIN))
    response = client.post("/threads/manage/tables/new", data=_form(original_locale="fr"))
    assert response.status_code == 422
    assert "Give the table a name in its original language." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Category.id))) == 0


def test_slugs_are_unique_and_well_formed(client, login, make_member, make_category):
    make_category(slug="taken")
    login(make_member(role=Role.ADMIN))
    assert client.post("/threads/manage/tables/new", data=_form(slug="taken")).status_code == 422
    assert client.post("/threads/manage/tables/new", data=_form(slug="Bad Slug")).status_code == 422


def test_members_cannot_manage_tables(client, login, make_member, make_category):
    table = make_category()
    login(make_member(role=Role.MODERATOR))
    assert client.post("/threads/manage/tables/new", data=_form()).status_code == 403
    assert client.get(f"/threads/manage/tables/{table.id}").status_code == 403


def test_changes_to_tables_are_audited(client, login, make_member, db):
    """The table pages send signals.category_changed; moderation's audit log records it."""
    from cop.moderation.models import ModerationEvent

    admin = make_member(role=Role.ADMIN)
    login(admin)
    client.post("/threads/manage/tables/new", data=_form())
    table = queries.category_by_slug("public-procurement")
    client.post(f"/threads/manage/tables/{table.id}", data=_form(name_pt="Contratação pública"))
    client.post(f"/admin/tables/{table.id}/archive")
    events = db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id)).all()
    assert [e.action for e in events] == ["create_category", "edit_category", "archive_category"]
    assert {(e.target_type, e.target_id, e.target_label, e.actor_id) for e in events} == {
        ("category", table.id, "public-procurement", admin.id)
    }
