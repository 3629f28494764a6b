"""The index follows the content in the same transaction: what members may not see
leaves it at once, and comes back when it is shown again."""

from __future__ import annotations

from sqlalchemy import select

from cop import signals
from cop.members.models import Role
from cop.resources import services as resource_services
from cop.search.models import SearchDocument
from cop.threads import services as thread_services
from tests.search.conftest import ids


def documents(db) -> set[tuple[str, int]]:
    """The threads and replies in the index."""
    db.session.expire_all()
    rows = db.session.execute(
        select(SearchDocument.kind, SearchDocument.object_id).where(SearchDocument.kind != "member")
    ).all()
    return {(kind, object_id) for kind, object_id in rows}


def test_a_new_thread_is_one_document_with_its_opening_post(db, start_thread, find):
    thread = start_thread("Taller de formación", "Cuidados comunitarios en el barrio")
    assert documents(db) == {("thread", thread.id)}
    assert ids(find("comunitarios")) == {("thread", thread.id)}


def test_an_edited_reply_is_found_by_its_new_words_only(db, start_thread, reply, find):
    thread = start_thread("Contratación pública", "Primer mensaje")
    post = reply(thread, "Los pliegos de condiciones", language="es")
    thread_services.edit_post(post, editor=post.author, body="Las cláusulas sociales")
    db.session.commit()
    assert ids(find("pliegos")) == set()
    assert ids(find("clausula")) == {("post", post.id)}


def test_editing_the_opening_post_changes_the_thread_and_its_replies_titles(
    db, start_thread, reply, find
):
    thread = start_thread("Old title here", "The opening words")
    answer = reply(thread, "An answer about procurement")
    opening = db.session.scalar(
        select(thread_services.Post).where(thread_services.Post.position == 1)
    )
    thread_services.edit_post(
        opening, editor=thread.author, body="New opening words", title="Brand new title"
    )
    db.session.commit()
    assert ids(find("brand")) == {("thread", thread.id)}
    assert ids(find("opening new")) == {("thread", thread.id)}
    assert [hit.title.striptags() for hit in find("procurement").hits] == ["Brand new title"]
    assert answer.id


def test_deleted_replies_leave_and_restored_ones_come_back(
    db, start_thread, reply, find, make_member
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Monedas locales", "Primer mensaje")
    post = reply(thread, "La moneda complementaria del mercado", language="es")
    thread_services.delete_post(post, actor=moderator)
    db.session.commit()
    assert ids(find("moneda complementaria")) == set()
    thread_services.restore_post(post, actor=moderator)
    db.session.commit()
    assert ids(find("moneda complementaria")) == {("post", post.id)}


def test_hidden_and_pending_content_leaves_the_index_at_once(
    db, start_thread, reply, find, make_member
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Εργαστήριο κατάρτισης", "Συμπαραγωγή υπηρεσιών", language="el")
    post = reply(thread, "Δημόσιες συμβάσεις και κοινωνικές ρήτρες", language="el")
    thread.is_hidden = True
    signals.content_hidden.send(thread, actor=moderator, reason="test")
    db.session.commit()
    assert documents(db) == set()
    assert ids(find("εργαστηριο")) == set() and ids(find("συμβασεις")) == set()
    thread.is_hidden = False
    signals.content_shown.send(thread, actor=moderator, reason="")
    db.session.commit()
    assert documents(db) == {("thread", thread.id), ("post", post.id)}
    post.is_pending = True
    signals.content_hidden.send(post, actor=moderator, reason="")
    db.session.commit()
    assert documents(db) == {("thread", thread.id)}
    post.is_pending = False
    signals.content_approved.send(post, actor=moderator, reason="")
    db.session.commit()
    assert ("post", post.id) in documents(db)


def test_a_pending_thread_is_indexed_only_once_approved(db, make_member, make_category, find):
    moderator = make_member(role=Role.MODERATOR)
    thread = thread_services.start_thread(
        author=make_member(),
        category=make_category(),
        title="Economía solidaria hoy",
        body="Texto",
        language="es",
    )
    thread.is_pending = True
    signals.thread_changed.send(thread)
    db.session.commit()
    assert ids(find("solidaria")) == set()
    thread.is_pending = False
    signals.content_approved.send(thread, actor=moderator, reason="")
    db.session.commit()
    assert ids(find("solidaria")) == {("thread", thread.id)}


def test_the_index_rolls_back_with_the_content(db, start_thread, find):
    thread = start_thread("Compra pública responsable", "Primer mensaje")
    thread_services.reply_to_thread(
        author=thread.author, thread=thread, body="Una respuesta perdida", language="es"
    )
    db.session.rollback()
    assert ids(find("perdida")) == set()
    assert documents(db) == {("thread", thread.id)}


def test_removed_resources_leave_and_restored_ones_come_back(db, share_resource, make_member, find):
    moderator = make_member(role=Role.MODERATOR)
    resource = share_resource("Guia de moedas complementares", "Para as oficinas", language="pt")
    assert ids(find("moeda")) == {("resource", resource.id)}
    resource_services.remove_resource(resource, moderator=moderator, reason="spam")
    db.session.commit()
    assert ids(find("moeda")) == set()
    resource_services.restore_resource(resource, moderator=moderator)
    db.session.commit()
    assert ids(find("moeda")) == {("resource", resource.id)}


def test_members_only_profiles_are_found_by_members_only(db, make_member, find):
    from cop.members import services as member_services
    from cop.members.models import Visibility

    member = make_member(display_name="Yasmin Haddad", country="JO")
    member_services.update_profile(
        member,
        member_services.ProfileChanges(
            display_name="Yasmin Haddad", organisation="بلدية عمان", visibility=Visibility.MEMBERS
        ),
    )
    db.session.commit()
    assert ids(find("haddad", signed_in=True)) == {("member", member.id)}
    assert ids(find("بلدية", signed_in=True)) == {("member", member.id)}
    assert ids(find("haddad", signed_in=False)) == set()


def test_a_closing_member_leaves_the_index_and_their_posts_stay_anonymous(
    db, make_member, start_thread, find
):
    from cop.members import services as member_services

    member = make_member(display_name="Leaving Member", country="PT")
    member_services.update_profile(
        member, member_services.ProfileChanges(display_name="Leaving Member")
    )
    thread = start_thread("Oficina de formação", "Texto", language="pt", author=member)
    db.session.commit()
    member_services.close_account(member, delete_posts=False)
    db.session.commit()
    assert ids(find("leaving")) == set()
    assert ids(find("oficina", country="PT")) == set()
    assert ids(find("oficina")) == {("thread", thread.id)}


def test_a_new_member_is_searchable_by_members_at_once(db, make_member, find):
    member = make_member(display_name="Nadia Ben Salah", country="TN")
    assert ids(find("salah")) == {("member", member.id)}
    assert ids(find("salah", signed_in=False)) == set()
