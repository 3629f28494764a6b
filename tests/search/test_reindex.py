"""`flask cop reindex` rebuilds exactly what the receivers keep up to date."""

from __future__ import annotations

from sqlalchemy import delete, select

from cop.members.models import Role
from cop.search.models import SearchDocument
from cop.threads import services as thread_services
from tests.search.conftest import ids

COLUMNS = (
    SearchDocument.kind,
    SearchDocument.object_id,
    SearchDocument.title,
    SearchDocument.body_tokens,
    SearchDocument.title_tokens,
    SearchDocument.author_country,
    SearchDocument.category_id,
    SearchDocument.is_members_only,
)


def snapshot(db) -> set[tuple]:
    db.session.expire_all()
    return set(db.session.execute(select(*COLUMNS)).all())


def test_reindex_rebuilds_the_same_index_as_the_receivers(
    app, db, start_thread, reply, share_resource, make_member, find
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Compra pública y cláusulas sociales", "Texto inicial", language="es")
    reply(thread, "Οι δημόσιες συμβάσεις", language="el")
    gone = reply(thread, "Una respuesta borrada", language="es")
    thread_services.delete_post(gone, actor=moderator)
    share_resource("Toolkit for workshops", "Complementary currencies", language="en")
    db.session.commit()
    before = snapshot(db)
    db.session.execute(delete(SearchDocument))
    db.session.commit()
    assert ids(find("clausulas")) == set()
    result = app.test_cli_runner().invoke(args=["cop", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Search index rebuilt" in result.output
    assert snapshot(db) == before
    assert ids(find("clausulas")) == {("thread", thread.id)}
    assert ids(find("borrada")) == set()
