"""Only words go to a machine: code, links, mentions and Markdown's syntax come back
as they were, whatever the engine does with the words around them."""

from __future__ import annotations

import re

import pytest

from cop.sanitize import render_markdown
from cop.translations.machine_markdown import prepare, translate_markdown
from tests.corpora import naughty_strings
from tests.translations.machine_fakes import fake_translate

SOURCE = """# Meeting in `Athens` with @ana_m

> Read **the notes** at [the wiki](https://example.org/a_(b) "Notes") or https://x.org/y?z=1&q=2
- first *point*
1. second <b>bold?</b> & more

```python
def hello(): return "hello"
```

    indented code stays

| city | date |
|------|------|
| Tunis | May |

[ref]: https://example.org/ref
"""


def capitals(texts: list[str]) -> list[str]:
    return [fake_translate(text, "el") for text in texts]


def test_an_engine_that_changes_nothing_gives_the_source_back():
    assert translate_markdown(SOURCE, lambda texts: texts) == SOURCE


def upper(texts: list[str]) -> list[str]:
    """Capitals outside the placeholders: words changed, kept pieces untouched."""
    return [fake_translate(text, "el").removeprefix("[el] ") for text in texts]


def test_code_links_mentions_and_structure_survive_a_translation():
    result = translate_markdown(SOURCE, upper)
    assert result.startswith("# MEETING IN `Athens` WITH @ana_m\n")
    assert '> READ **THE NOTES** AT [THE WIKI](https://example.org/a_(b) "Notes")' in result
    assert "https://x.org/y?z=1&q=2" in result
    assert "- FIRST *POINT*" in result
    assert "1. SECOND <B>BOLD?</B> & MORE" in result
    assert 'def hello(): return "hello"' in result
    assert "    indented code stays" in result
    assert "|------|------|" in result and "| TUNIS | MAY |" in result
    assert result.endswith("[ref]: https://example.org/ref\n")
    html = render_markdown(result, known_handles=["ana_m"])
    assert '<a href="https://example.org/a_(b)"' in html
    assert "<code>Athens</code>" in html and "<pre><code" in html
    assert "<h1>" in html and "<blockquote>" in html and "<table>" in html


def test_what_is_sent_holds_no_code_address_or_mention():
    sent = "\n".join(prepare(SOURCE).texts)
    for kept in ("Athens", "@ana_m", "https://", "hello()", "indented", "|", "**", "```"):
        assert kept not in sent
    assert "&lt;b&gt;" in sent  # the writer's own angle brackets are words, escaped


def test_a_placeholder_the_engine_dropped_comes_back_at_the_end_of_its_line():
    def drop(texts):
        return [re.sub(r"<span[^>]*>.*?</span>", "", t).upper() for t in texts]

    result = translate_markdown("See `code` and https://example.org now", drop)
    assert result == "SEE  AND  NOW `code` https://example.org"


def test_markup_an_engine_added_is_removed():
    result = translate_markdown("Hello there", lambda texts: ["<b>Γεια</b> <i>σας</i>"])
    assert result == "Γεια σας"


def test_a_text_of_only_code_and_links_sends_nothing():
    prepared = prepare("```\ncode\n```\nhttps://example.org\n\n---\n`x`")
    assert prepared.texts == []


@pytest.mark.parametrize("text", naughty_strings())
def test_naughty_strings_round_trip_through_the_placeholders(text):
    source = f"# {text}\n\n> {text} `code` @ana\n- {text}\n\n{text}"
    assert translate_markdown(source, lambda texts: texts) == source
    translated = translate_markdown(source, capitals)
    kept = [piece for line in prepare(source).lines for piece in line.pieces]
    assert all(piece in translated for piece in kept)
    if "`" not in text:
        assert "`code`" in translated and "@ana" in translated
