"""What of a Markdown text a machine translates, and how its answer becomes Markdown again.

Only words are sent. Code blocks, link and picture addresses, bare URLs, @mentions, code
spans, table pipes, emphasis markers and each line's block syntax (headings, quotes,
lists) stay here: each line's words go out as one HTML fragment in which every kept
piece is a placeholder element the engines leave alone (`<span translate="no">`), the
words HTML-escaped. The answer's placeholders are put back in the order the engine
chose; a placeholder it dropped is added at the end of its line, so no link, mention or
code is ever lost; any other markup it added is removed.

With a provider that answers what it was sent, `translate_markdown` gives back the
source exactly (tests/translations/test_machine_markdown.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cop.sanitize import MENTION_RE

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# A line's block syntax: quotes, headings, list markers and task boxes, nested.
PREFIX_RE = re.compile(
    r"^(?:[ \t]*(?:>|#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|\[[ xX]\](?=[ \t])))*[ \t]*"
)
REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")  # [label]: https://...
INDENTED_CODE_RE = re.compile(r"^(?: {4}|\t)")
KEPT_RE = re.compile(
    "|".join(
        (
            r"(`+)[^`].*?\1|``",  # code spans
            r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+\"[^\"]*\")?\)",  # ](address "title")
            r"\]\[[^\]]*\]",  # ][reference]
            r"<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>",  # <https://...>
            r"(?:https?://|www\.)[^\s<>]+",  # bare addresses
            MENTION_RE.pattern,
            r"\\[!-/:-@\[-`{-~]",  # backslash escapes
            r"!?\[|\]",  # link and picture brackets
            r"\*+|_{2,}|~~|\|",  # emphasis markers, table pipes
        )
    )
)
PLACEHOLDER = '<span translate="no" id="cop-{0}">{0}</span>'
PLACEHOLDER_RE = re.compile(r'<span[^<>]*\bid="cop-(\d+)"[^<>]*>.*?</span>', re.DOTALL)
TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")


@dataclass
class Line:
    """One line of the source: kept as it is (`kept`), or words to translate."""

    kept: str | None = None
    prefix: str = ""
    trailing: str = ""
    pieces: list[str] = field(default_factory=list)  # the kept pieces, by placeholder
    index: int = -1  # its text's place in Prepared.texts


@dataclass
class Prepared:
    lines: list[Line]
    texts: list[str]  # what is sent: one HTML fragment per line with words


def prepare(source: str) -> Prepared:
    lines: list[Line] = []
    texts: list[str] = []
    fence: str | None = None
    previous_blank_or_code = True
    for raw in source.split("\n"):
        opening = FENCE_RE.match(raw)
        if fence is not None or opening:
            lines.append(Line(kept=raw))
            if fence is None:
                fence = opening.group(1)
            elif raw.strip().startswith(fence[0] * len(fence)) and not raw.strip().strip(fence[0]):
                fence = None
            previous_blank_or_code = False
            continue
        if (previous_blank_or_code and INDENTED_CODE_RE.match(raw) and raw.strip()) or (
            REFERENCE_RE.match(raw)
        ):
            lines.append(Line(kept=raw))
            previous_blank_or_code = True
            continue
        previous_blank_or_code = not raw.strip()
        line = _words_of(raw)
        if line.kept is None:
            line.index = len(texts)
            texts.append(_fragment(raw[len(line.prefix) : len(raw) - len(line.trailing)], line))
        lines.append(line)
    return Prepared(lines, texts)


def _words_of(raw: str) -> Line:
    prefix = PREFIX_RE.match(raw).group(0)
    body = raw[len(prefix) :]
    core = body.rstrip()
    if not any(ch.isalpha() for ch in KEPT_RE.sub("", core)):
        return Line(kept=raw)
    return Line(prefix=prefix, trailing=body[len(core) :])


def _fragment(core: str, line: Line) -> str:
    out: list[str] = []
    position = 0
    for match in KEPT_RE.finditer(core):
        out.append(html.escape(core[position : match.start()], quote=False))
        out.append(PLACEHOLDER.format(len(line.pieces)))
        line.pieces.append(match.group(0))
        position = match.end()
    out.append(html.escape(core[position:], quote=False))
    return "".join(out)


def assemble(prepared: Prepared, translated: Sequence[str]) -> str:
    out: list[str] = []
    for line in prepared.lines:
        if line.kept is not None:
            out.append(line.kept)
        else:
            out.append(line.prefix + _restore(translated[line.index], line) + line.trailing)
    return "\n".join(out)


def _restore(answer: str, line: Line) -> str:
    out: list[str] = []
    used: set[int] = set()
    position = 0
    for match in PLACEHOLDER_RE.finditer(answer):
        out.append(_words(answer[position : match.start()]))
        number = int(match.group(1))
        if number < len(line.pieces) and number not in used:
            used.add(number)
            out.append(line.pieces[number])
        position = match.end()
    out.append(_words(answer[position:]))
    dropped = [piece for number, piece in enumerate(line.pieces) if number not in used]
    text = "".join(out).replace("\n", " ")
    return " ".join([text, *dropped]) if dropped else text


def _words(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", fragment))


def translate_markdown(source: str, translate: Callable[[list[str]], list[str]]) -> str:
    """The source with its words translated by `translate` (one call for every line)."""
    prepared = prepare(source)
    if not prepared.texts:
        return source
    return assemble(prepared, translate(prepared.texts))
