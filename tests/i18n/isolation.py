"""Finds user values shown without direction isolation (see cop.i18n.isolate).

A value is isolated when it sits in FSI ... PDI, or in an element that sets its own
direction (<bdi>, any element with `dir`, an <option> or <textarea>, each laid out as
its own paragraph) AND that holds nothing but user values: no interface words. So
`<a dir="auto">title</a>` and `<bdi>title</bdi>` pass, while `<p dir="auto">Reply to
“title”</p>` and a bare `<td>title!</td>` do not: there the title's punctuation and
digits take the page's direction and land on the wrong side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from cop.i18n import FSI, PDI

ISOLATING_TAGS = {"bdi", "option", "textarea"}
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "content", "data-confirm", "value")
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Node:
    tag: str
    attrs: dict
    parent: Node | None
    children: list = field(default_factory=list)  # Node or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    @property
    def isolating(self) -> bool:
        return self.tag in ISOLATING_TAGS or (self.tag != "html" and "dir" in self.attrs)


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root
        self.texts: list[tuple[Node, str]] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        hidden = tag == "input" and dict(attrs).get("type") == "hidden"  # sent, not shown
        self.attributes += [v for k, v in attrs if k in READ_ATTRIBUTES and v and not hidden]
        if tag not in _VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        if self.current.tag not in ("script", "style"):
            self.current.children.append(data)
            self.texts.append((self.current, data))


def _only_user_values(text: str, values: list[str]) -> bool:
    for value in values:
        text = text.replace(value, " ")
    return not _LETTER.search(text)


def _in_isolates(text: str, start: int, end: int, values: list[str]) -> bool:
    """Inside FSI ... PDI holding only user values (and punctuation, digits)."""
    opening = text.rfind(FSI, 0, start)
    closing = text.find(PDI, end)
    if opening < 0 or closing < 0 or PDI in text[opening:start]:
        return False
    inner = text[opening + 1 : closing]
    if inner.endswith("…") and any(v.startswith(inner[:-1]) for v in values):
        return True  # a value shortened to fit (a chart's label), still isolated
    return _only_user_values(inner, values)


def _occurrences(text: str, value: str):
    start = text.find(value)
    while start >= 0:
        yield start, start + len(value)
        start = text.find(value, start + 1)


def unisolated_in_text(text: str, values: list[str]) -> list[str]:
    """Plain text (an email, a subject): each value in FSI/PDI or alone on its line."""
    found = []
    lines = text.splitlines() or [text]
    for line in lines:
        for value in values:
            for start, end in _occurrences(line, value):
                isolated = _in_isolates(line, start, end, values)
                if not isolated and not _only_user_values(line, values):
                    found.append(line.strip())
    return found


def _text_deciding_direction(node: Node) -> str:
    """The element's text without its isolating descendants (what dir=auto reads)."""
    return "".join(
        c if isinstance(c, str) else "" if c.isolating else _text_deciding_direction(c)
        for c in node.children
    )


def _sentences_set_by_their_values(root: Node, values: list[str], known: list[str]) -> list[str]:
    """Interface words in a `dir="auto"` element with a user value: the element takes
    its direction from the first strong letter, which may be the value's (browsers skip
    <bdi> and elements with `dir` there, not FSI … PDI), and lays the whole interface
    sentence out backwards."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        stack += [c for c in node.children if isinstance(c, Node)]
        if node.attrs.get("dir") != "auto" or node.tag in ISOLATING_TAGS:
            continue
        text = _text_deciding_direction(node)
        if any(v in text for v in values) and not _only_user_values(text, known):
            found.append(f'<{node.tag} dir="auto"> {text.strip()[:120]}')
    return found


def _markup_shown_as_text(html: str, attributes: list[str]) -> list[str]:
    """A <bdi> where the page shows text only (the <title>, a tooltip, a label read
    aloud): readers would see "<bdi>" itself. Those places take FSI … PDI."""
    titles = re.findall(r"<title>(.*?)</title>", html, flags=re.S)
    return [f"<bdi> as text: {t.strip()[:120]}" for t in [*titles, *attributes] if "<bdi" in t]


def unisolated_in_page(html: str, values: list[str], content: list[str] = ()) -> list[str]:
    """Snippets of the page where a value is shown without isolation. `content` is
    other user text (post bodies) that may share an isolated block with the values."""
    tree = _Tree()
    tree.feed(html)
    found = []
    longest_first = sorted([*values, *content], key=len, reverse=True)
    for node, data in tree.texts:
        for value in values:
            for start, end in _occurrences(data, value):
                if _in_isolates(data, start, end, longest_first):
                    continue
                owner = node
                while owner is not None and not owner.isolating:
                    owner = owner.parent
                if owner is not None and _only_user_values(owner.text(), longest_first):
                    continue
                found.append(f"<{node.tag}> {data.strip()[:120]}")
    found += _sentences_set_by_their_values(tree.root, values, longest_first)
    found += _markup_shown_as_text(html, tree.attributes)
    for attribute in tree.attributes:
        for value in values:
            for start, end in _occurrences(attribute, value):
                isolated = _in_isolates(attribute, start, end, longest_first)
                if not isolated and not _only_user_values(attribute, longest_first):
                    found.append(f"attribute: {attribute[:120]}")
    return found
