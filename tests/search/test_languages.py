"""Forgiving matching in the six languages, with sentences from the community's themes.

Run on SQLite (FTS5) and on PostgreSQL (tsvector) with DATABASE_URL: the same results.
"""

from __future__ import annotations

import pytest

from tests.search.conftest import ids

# (language, title, opening post, a query that must find it, a query that must not)
CASES = [
    (
        "es",
        "Cooperativa de cuidados en la contratación pública",
        "La cooperativa presentó su experiencia de coproducción de servicios sociales "
        "con el ayuntamiento y las cláusulas sociales en los pliegos.",
        "cooperativas",
        "moneda",
    ),
    (
        "es",
        "Monedas complementarias en el barrio",
        "Las monedas locales refuerzan la economía social y solidaria del mercado municipal.",
        "MONEDA complementaria",
        "cooperativas",
    ),
    (
        "pt",
        "Formação em economia solidária",
        "As oficinas de formação reuniram técnicos municipais e cooperativas de habitação.",
        "oficina formacao",
        "moeda",
    ),
    (
        "el",
        "Κοινωνικής Οικονομίας και δημόσιες συμβάσεις",
        "Οι κοινωνικές συνεταιριστικές επιχειρήσεις συμμετέχουν στις δημόσιες προμήθειες.",
        "κοινωνικη",
        "νομισμα",
    ),
    (
        "el",
        "Συμπαραγωγή κοινωνικών υπηρεσιών",
        "Το εργαστήριο κατάρτισης για τη συμπαραγωγή με τους δήμους.",
        "ΕΡΓΑΣΤΗΡΙΟ",
        "συμβασεις",
    ),
    (
        "ar",
        "الاقتصاد الاجتماعي التَّضَامُنِيّ في تونس",
        "ورشة تدريبية حول الإنتاج المشترك للخدمات الاجتماعية مع البلديات والجمعيات.",
        "التضامني",
        "العملات",
    ),
    (
        "ar",
        "العملات المحلية التكميلية",
        "تجربة العُمْلَة المَحَلِّيَّة في الأسواق الشعبية بالأردن وفلسطين.",
        "العملة المحلية",
        "التضامني",
    ),
    (
        "fr",
        "Marchés publics et clauses sociales",
        "Les entreprises de l'économie sociale et solidaire répondent aux appels d'offres.",
        "economie solidaire",
        "monnaie",
    ),
    (
        "fr",
        "Atelier de formation à la coproduction",
        "Des ateliers réunissent travailleurs sociaux, élus et coopératives.",
        "ateliers cooperative",
        "marches",
    ),
    (
        "en",
        "Co-producing social services with cooperatives",
        "Municipalities and social cooperatives co-produced home care services.",
        "cooperative services",
        "currency",
    ),
    (
        "en",
        "Complementary currencies for local markets",
        "A training workshop on complementary currency schemes and public procurement.",
        "currency workshops",
        "cooperatives",
    ),
]


@pytest.fixture
def forum(start_thread):
    return {
        (language, title): start_thread(title, body, language=language)
        for language, title, body, _q, _n in CASES
    }


@pytest.mark.parametrize(
    ("language", "title", "query", "other"),
    [(c[0], c[1], c[3], c[4]) for c in CASES],
    ids=[f"{c[0]}-{c[3]}" for c in CASES],
)
def test_each_language_finds_its_word_forms_and_not_the_others(
    forum, find, language, title, query, other
):
    thread = forum[(language, title)]
    assert ("thread", thread.id) in ids(find(query))
    assert ("thread", thread.id) not in ids(find(other))


def test_the_examples_of_the_issue(start_thread, find):
    arabic = start_thread("الاقتصاد التَّضَامُنِيّ", "نص عن الاقتصاد", language="ar")
    greek = start_thread("Κοινωνικής Οικονομίας", "Κείμενο για την οικονομία", language="el")
    spanish = start_thread("Una cooperativa de cuidados", "Texto sobre cuidados", language="es")
    assert ids(find("التضامني")) == {("thread", arabic.id)}
    assert ids(find("κοινωνικη")) == {("thread", greek.id)}
    assert ids(find("cooperativas")) == {("thread", spanish.id)}


def test_quoted_phrases_match_only_the_exact_words_in_order(start_thread, find):
    exact = start_thread("Economía social en Valencia", "La economía social crece.", language="es")
    scattered = start_thread(
        "Política social y economía", "Economía del cuidado y política social.", language="es"
    )
    assert ids(find("economia social")) == {("thread", exact.id), ("thread", scattered.id)}
    assert ids(find('"economía social"')) == {("thread", exact.id)}
    assert ids(find("«Economia Social»")) == {("thread", exact.id)}
    assert ids(find('"social economía"')) == set()


def test_a_quoted_phrase_is_not_stemmed(start_thread, find):
    thread = start_thread("Las cooperativas sociales", "Texto del hilo.", language="es")
    assert ids(find('"cooperativas sociales"')) == {("thread", thread.id)}
    assert ids(find('"cooperativa social"')) == set()


def test_title_matches_come_first(start_thread, find):
    in_body = start_thread(
        "Reunión de marzo",
        "Hablamos de monedas complementarias, monedas sociales y monedas locales.",
        language="es",
    )
    in_title = start_thread("Monedas complementarias", "Acta de la reunión.", language="es")
    hits = find("monedas").hits
    assert [h.object_id for h in hits] == [in_title.id, in_body.id]
    assert hits[0].is_title_match and not hits[1].is_title_match


def test_replies_resources_and_members_are_found_too(
    start_thread, reply, share_resource, make_member, find
):
    thread = start_thread("Taller en Amman", "Primer día del taller.", language="es")
    answer = reply(thread, "ورشة تدريبية عن المشتريات العامة", language="ar")
    resource = share_resource(
        "Guía de compra pública responsable", "Cláusulas sociales", language="es"
    )
    results = find("المشتريات")
    assert ids(results) == {("post", answer.id)}
    assert results.kind == "post" and results.counts["post"] == 1
    assert ids(find("compras publicas", kind="resource")) == {("resource", resource.id)}


def test_profiles_are_found_by_name_organisation_and_expertise(db, make_member, find):
    from cop.members import services as member_services
    from cop.members.models import Visibility

    member = make_member(display_name="Αλεξάνδρα Παπαδοπούλου", country="GR")
    member_services.update_profile(
        member,
        member_services.ProfileChanges(
            display_name="Αλεξάνδρα Παπαδοπούλου",
            organisation="Δήμος Αθηναίων",
            expertise=["Κοινωνικές συνεταιριστικές επιχειρήσεις"],
            visibility=Visibility.PUBLIC,
        ),
    )
    db.session.commit()
    for query in ("αλεξανδρα", "δημοσ αθηναιων", "συνεταιριστικη"):
        assert ids(find(query, signed_in=False)) == {("member", member.id)}, query
