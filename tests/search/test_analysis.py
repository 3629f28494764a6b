"""Normalization and stemming: the same pure functions for documents and queries."""

from __future__ import annotations

import pytest

from cop.search.analysis import analyze, normalize_text, stems
from cop.search.query import fts5_expression, parse_query, tsquery_expression


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("التَّضَامُنِيّ", "التضامني"),
        ("الـتـضـامـنـي", "التضامني"),  # tatweel
        ("أإآٱ", "اااا"),
        ("مؤسسة", "موسسه"),
        ("هيئة", "هييه"),
        ("مستشفى", "مستشفي"),
        ("Κοινωνικής Οικονομίας", "κοινωνικησ οικονομιασ"),
        ("Economía SOCIAL y Solidaria", "economia social y solidaria"),
        ("Coopération, formação!", "cooperation formacao"),
        ("ﬁnancement", "financement"),  # NFKC
    ],
)
def test_normalization_folds_what_readers_do_not_distinguish(written, folded):
    assert normalize_text(written) == folded


def test_a_known_language_uses_its_own_stemmer():
    assert analyze("cooperativas", "es") == ("cooperativas", "cooper")
    assert analyze("cooperativa", "es")[1] == "cooper"


def test_an_unknown_language_is_stemmed_in_all_six():
    tokens = stems(["cooperativas"], None)
    assert "cooper" in tokens and len(tokens) == len(set(tokens))


def test_quoted_phrases_are_kept_and_their_words_searched():
    query = parse_query("«Economía social» cooperativas")
    assert query.phrases == ("economia social",)
    assert query.words == ("economia", "social", "cooperativas")
    assert len(query.groups) == 3


@pytest.mark.parametrize("junk", ["", "   ", "!!!", "«»", '""', "-- ; ' OR 1=1 --", "\u200b\u200d"])
def test_junk_queries_are_empty_or_harmless(junk):
    query = parse_query(junk)
    for expression in (fts5_expression(query), tsquery_expression(query)):
        assert not set(expression) & set("'*:^-;=!")


def test_operators_of_the_engines_are_only_words():
    query = parse_query('NEAR(a b) OR title:x & !y | "z')
    assert "NEAR(" not in fts5_expression(query)
    assert all(ch.isalnum() or ch in ' ()"|&' for ch in tsquery_expression(query))


def test_a_very_long_query_is_cut():
    query = parse_query("palabra " * 500)
    assert len(query.text) <= 200 and len(query.groups) == 1
