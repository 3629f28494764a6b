"""Snippets: cut around the first match, matches marked, everything else escaped."""

from __future__ import annotations

from cop.search.highlight import AFTER, BEFORE, highlight
from cop.search.query import parse_query


def words(n: int, stem: str = "palabra") -> str:
    return " ".join(f"{stem}{i}" for i in range(n))


def test_a_long_body_is_cut_around_the_first_match_with_ellipses():
    text = f"{words(100)} Cooperativas <b>de</b> vivienda {words(100, 'otra')}"
    snippet = highlight(text, parse_query("cooperativa"), "es")
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Cooperativas</mark> &lt;b&gt;de&lt;/b&gt; vivienda" in snippet
    assert "palabra87" not in snippet and f"palabra{100 - BEFORE}" in snippet
    assert f"otra{AFTER - 6}" in snippet and f"otra{AFTER - 5}" not in snippet


def test_a_match_near_the_end_keeps_the_end_without_an_ellipsis():
    snippet = highlight(f"{words(50)} final cooperativa", parse_query("cooperativa"), "es")
    assert snippet.startswith("…") and snippet.endswith("<mark>cooperativa</mark>")


def test_a_body_without_a_visible_match_shows_its_beginning():
    snippet = highlight(words(100), parse_query("cooperativa"), "es")
    assert snippet.startswith("palabra0 ") and snippet.endswith("…")
    assert "<mark>" not in snippet


def test_a_whole_title_marks_every_match_in_any_language_when_unknown():
    title = "Cooperativa, cooperatives & coopératives " + words(40)
    marked = highlight(title, parse_query("cooperativas"), None, whole=True)
    assert marked.count("<mark>") == 3 and "&amp;" in marked and "…" not in marked
