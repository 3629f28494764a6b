"""Members' translations in the index: found in their own language at once, labelled as
found in a translation and linked to their original; edited, re-indexed; hidden,
removed, or with a hidden original, gone; rebuilt by `flask cop reindex`."""

from __future__ import annotations

from sqlalchemy import delete, select

from cop import signals
from cop.members.models import Role
from cop.moderation import content_actions
from cop.resources import services as resource_services
from cop.sanitize import render_markdown
from cop.search.models import SearchDocument
from cop.search.rebuild import rebuild_index
from cop.threads import services as thread_services
from cop.threads.models import Post
from cop.translations import services as translation_services
from cop.translations.sources import load_original
from tests.search.conftest import ids
from tests.translations import moderation_fixtures as fixtures

translate = fixtures.translate


def _opening(db, thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 1))


def test_a_french_translation_of_a_greek_reply_finds_it_in_french(
    db, start_thread, reply, translate, make_member, find
):
    thread = start_thread("Κοινωνική οικονομία", "Πρώτο μήνυμα", language="el")
    post = reply(thread, "Οι συνεταιρισμοί της πόλης", language="el")
    translator = make_member(country="TN")
    translation = translate(post, "fr", translator=translator, body="Les coopératives de la ville")
    results = find("coopératives")
    assert ids(results) == {("translation", translation.id)}
    [hit] = results.hits
    assert (hit.original_kind, hit.original_id, hit.thread_id) == ("post", post.id, thread.id)
    assert hit.language == "fr" and hit.title.striptags() == "Κοινωνική οικονομία"
    # Stemmed in French: the singular finds the plural; the language filter finds it.
    assert ids(find("cooperative", language="fr")) == {("translation", translation.id)}
    assert ids(find("cooperative", language="el")) == set()
    assert ids(find("cooperative", country="TN")) == {("translation", translation.id)}


def test_the_search_page_links_the_original_and_says_it_was_a_translation(
    client, db, start_thread, translate, make_member
):
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    translate(thread, "en", translator=make_member(), title="Social economy in the towns")
    html = client.get("/search/", query_string={"q": "towns"}).get_data(as_text=True)
    assert f'href="/threads/{thread.id}' in html or f"/threads/{thread.id}" in html
    assert "Found in a translation of a thread&#39;s title" in html or (
        "Found in a translation of a thread" in html
    )
    assert "Translations" in html


def test_an_edited_translation_is_found_by_its_new_words_only(
    db, start_thread, reply, translate, make_member, find
):
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    post = reply(thread, "Las monedas locales", language="es")
    translation = translate(post, "en", translator=make_member(), body="The local currencies")
    translation.body_source = "Complementary money"
    translation.body_html = render_markdown("Complementary money")
    signals.translation_edited.send(translation, actor=translation.translator)
    db.session.commit()
    assert ids(find("currencies")) == set()
    assert ids(find("complementary")) == {("translation", translation.id)}


def test_the_translation_services_index_what_they_add_and_edit(
    db, start_thread, reply, make_member, find
):
    """Search hears the services' own signals, translation_added and translation_edited."""
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    original = load_original("post", reply(thread, "Las huertas", language="es").id)
    translation, created = translation_services.add_translation(
        original, translator=make_member(), language="en", title=None, body="The orchards"
    )
    db.session.commit()
    assert created and ids(find("orchards")) == {("translation", translation.id)}
    translation_services.edit_translation(
        translation, original, editor=make_member(), title=None, body="The gardens", version=None
    )
    db.session.commit()
    assert ids(find("orchards")) == set()
    assert ids(find("gardens")) == {("translation", translation.id)}


def test_machine_translations_and_tables_are_not_indexed(
    db, start_thread, translate, make_category, find
):
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    translate(_opening(db, thread), "en", origin="machine", provider="DeepL", body="Mushrooms")
    translate(make_category(), "fr", body="Champignons")
    assert ids(find("mushrooms")) == set() and ids(find("champignons")) == set()


def test_a_hidden_or_removed_translation_leaves_the_index(
    db, start_thread, reply, translate, make_member, find
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    post = reply(thread, "Las monedas locales", language="es")
    translation = translate(post, "pt", translator=make_member(), body="As moedas locais")
    content_actions.hide_content(translation, moderator=moderator, reason="Wrong")
    db.session.commit()
    assert ids(find("moedas")) == set()
    content_actions.show_content(translation, moderator=moderator)
    db.session.commit()
    assert ids(find("moedas")) == {("translation", translation.id)}
    signals.translation_removed.send(translation, actor=moderator)
    db.session.delete(translation)
    db.session.commit()
    assert ids(find("moedas")) == set()


def test_a_hidden_thread_takes_its_translations_with_it_and_brings_them_back(
    db, start_thread, reply, translate, make_member, find
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Συμβάσεις", "Πρώτο μήνυμα", language="el")
    post = reply(thread, "Κοινωνικές ρήτρες", language="el")
    title = translate(thread, "es", translator=make_member(), title="Contratos públicos")
    body = translate(post, "es", translator=make_member(), body="Cláusulas sociales")
    content_actions.hide_content(thread, moderator=moderator, reason="Spam")
    db.session.commit()
    assert ids(find("contratos")) == set() and ids(find("clausulas")) == set()
    content_actions.show_content(thread, moderator=moderator)
    db.session.commit()
    assert ids(find("contratos")) == {("translation", title.id)}
    assert ids(find("clausulas")) == {("translation", body.id)}


def test_hidden_pending_and_deleted_posts_take_their_translations_with_them(
    db, start_thread, reply, translate, make_member, find
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    post = reply(thread, "Los huertos urbanos", language="es")
    translation = translate(post, "en", translator=make_member(), body="Urban gardens")
    content_actions.hide_content(post, moderator=moderator, reason="Off topic")
    db.session.commit()
    assert ids(find("gardens")) == set()
    content_actions.show_content(post, moderator=moderator)
    db.session.commit()
    assert ids(find("gardens")) == {("translation", translation.id)}
    thread_services.delete_post(post, actor=moderator)
    db.session.commit()
    assert ids(find("gardens")) == set()
    thread_services.restore_post(post, actor=moderator)
    db.session.commit()
    assert ids(find("gardens")) == {("translation", translation.id)}
    post.is_pending = True
    signals.content_hidden.send(post, actor=moderator, reason="")
    db.session.commit()
    assert ids(find("gardens")) == set()


def test_a_removed_resource_takes_its_translation_with_it(
    db, share_resource, translate, make_member, find
):
    moderator = make_member(role=Role.MODERATOR)
    resource = share_resource("Guía de monedas", "Para los talleres", language="es")
    translation = translate(
        resource, "ar", translator=make_member(), title="دليل العملات", body="للورشات"
    )
    assert ids(find("العملات")) == {("translation", translation.id)}
    resource_services.remove_resource(resource, moderator=moderator, reason="spam")
    db.session.commit()
    assert ids(find("العملات")) == set()
    resource_services.restore_resource(resource, moderator=moderator)
    db.session.commit()
    assert ids(find("العملات")) == {("translation", translation.id)}


def test_a_renamed_thread_renames_its_replies_translations_results(
    db, start_thread, reply, translate, make_member, find
):
    thread = start_thread("Old title here", "The opening words", language="en")
    post = reply(thread, "An answer", language="en")
    translate(post, "es", translator=make_member(), body="Una respuesta sobre huertos")
    thread_services.edit_post(
        _opening(db, thread), editor=thread.author, body="New words", title="Brand new title"
    )
    db.session.commit()
    assert [hit.title.striptags() for hit in find("huertos").hits] == ["Brand new title"]


def test_a_moved_thread_moves_its_translations_results(
    db, start_thread, reply, translate, make_member, make_category, find
):
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    post = reply(thread, "Los huertos", language="es")
    translation = translate(post, "en", translator=make_member(), body="The gardens")
    table = make_category()
    thread.category_id = table.id
    signals.thread_changed.send(thread)
    db.session.commit()
    assert ids(find("gardens", category_id=table.id)) == {("translation", translation.id)}


def test_reindex_rebuilds_the_translations_the_receivers_wrote(
    db, start_thread, reply, translate, make_member
):
    moderator = make_member(role=Role.MODERATOR)
    thread = start_thread("Economía social", "Primer mensaje", language="es")
    post = reply(thread, "Los huertos", language="es")
    translate(post, "en", translator=make_member(country="PT"), body="The gardens")
    translate(thread, "fr", translator=make_member(), title="Économie sociale")
    hidden = translate(post, "el", translator=make_member(), body="Οι κήποι")
    content_actions.hide_content(hidden, moderator=moderator, reason="No")
    db.session.commit()
    columns = (
        SearchDocument.kind,
        SearchDocument.object_id,
        SearchDocument.title,
        SearchDocument.title_tokens,
        SearchDocument.body_tokens,
        SearchDocument.language,
        SearchDocument.thread_id,
        SearchDocument.category_id,
        SearchDocument.author_country,
        SearchDocument.original_kind,
        SearchDocument.original_id,
    )
    db.session.expire_all()
    before = set(db.session.execute(select(*columns)).all())
    db.session.execute(delete(SearchDocument))
    counts = rebuild_index()
    db.session.commit()
    assert counts["translation"] == 2
    assert set(db.session.execute(select(*columns)).all()) == before
    assert sum(1 for row in before if row.kind == "translation") == 2
