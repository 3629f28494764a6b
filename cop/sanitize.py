"""Markdown in, safe HTML out: the only module that imports bleach.

Text is rendered once, at write time: markdown-it-py (CommonMark, tables and
strikethrough, raw HTML off) turns the source into HTML, then bleach keeps only an
allowlist of tags and attributes and http, https and mailto links. The result is stored
next to the source with POLICY_VERSION; `flask cop rerender` renders everything again
after the policy changes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from functools import cache, partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cop.members.handles import HANDLE_PATTERN, handle_key

# Raise this whenever the tags, attributes or rendering below change, then run
# `flask cop rerender`.
POLICY_VERSION = 2  # 2: pictures under /media/ with their alt text (cop/pictures)

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "span", "img",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

MENTION_RE = re.compile(r"(?<![\w@/.])@(" + HANDLE_PATTERN + r")")


# Pictures members uploaded (cop/pictures), and only those: no remote image, no tracking
# pixel. The address carries the size, so the page keeps its layout while it loads.
MEDIA_SRC = re.compile(r"/media/[0-9a-f]{64}-(\d{1,5})x(\d{1,5})\.webp")


def _allowed_image_attribute(name: str, value: str) -> bool:
    if name == "src":
        return bool(MEDIA_SRC.fullmatch(value))
    if name == "alt":
        return bool(value.strip())
    if name in ("width", "height"):
        return value.isdigit()
    return name == "loading" and value == "lazy"


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "img":
        return _allowed_image_attribute(name, value)
    if tag == "a":
        if name in ("href", "title"):
            return True
        return name == "class" and value == "mention"
    if tag == "span":
        return name == "class" and value == "mention"
    if tag == "ol":
        return name == "start" and value.isdigit()
    if tag in ("th", "td"):
        return False
    return tag == "code" and name == "class" and bool(re.fullmatch(r"language-[\w+-]{1,30}", value))


_SAFE_HREF = re.compile(r"(https?://|mailto:|/(?!/)|#)", re.IGNORECASE)


def _set_rel(attrs: dict, new: bool = False) -> dict | None:
    """Every link gets rel; one that is not http(s), mailto or on this site loses its href."""
    href = attrs.get((None, "href"), "")
    if not _SAFE_HREF.match(href):
        return None
    attrs[(None, "rel")] = LINK_REL
    return attrs


@cache
def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
    )


def _render_image_as_link(self, tokens: list[Token], idx: int, options, env) -> str:
    """A member's picture with its description becomes an image; any other image (a
    remote one, or one without alt text) a link to it: no tracking pixels."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    described = self.renderInlineAsText(token.children or [], options, env).strip()
    media = MEDIA_SRC.fullmatch(src)
    if media and described:
        width, height = media.groups()
        return (
            f'<img src="{src}" alt="{_escape(described).replace(chr(34), "&quot;")}"'
            f' width="{width}" height="{height}" loading="lazy">'
        )
    alt = described or src
    link = Token("link_open", "a", 1, attrs={"href": token.attrGet("src") or ""})
    return self.renderToken([link], 0, options, env) + _escape(alt or "") + "</a>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mention_text_tokens(tokens: list[Token]) -> Iterator[tuple[list[Token], int]]:
    """(children, index) of every inline text token outside links and code."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for i, child in enumerate(token.children):
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0:
                yield token.children, i


def _link_mentions(state, known: Mapping[str, str], profile_url) -> None:
    """`known` maps folded handles (handle_key) to the members' stored handles."""
    for children, index in reversed(list(_mention_text_tokens(state.tokens))):
        text = children[index].content
        pieces: list[Token] = []
        last = 0
        for match in MENTION_RE.finditer(text):
            handle = known.get(handle_key(match.group(1)))
            if handle is None:
                continue
            pieces.append(_text(text[last : match.start()]))
            url = profile_url(handle)
            if url:
                pieces.append(Token("link_open", "a", 1, attrs={"href": url, "class": "mention"}))
                pieces.append(_text(match.group(0)))
                pieces.append(Token("link_close", "a", -1))
            else:
                pieces.append(Token("html_inline", "", 0, content='<span class="mention">'))
                pieces.append(_text(match.group(0)))
                pieces.append(Token("html_inline", "", 0, content="</span>"))
            last = match.end()
        if pieces:
            pieces.append(_text(text[last:]))
            children[index : index + 1] = [p for p in pieces if p.type != "text" or p.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _parser(known: Mapping[str, str] | None = None, profile_url=None) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )
    md.add_render_rule("image", _render_image_as_link)
    if known:
        md.core.ruler.push("mentions", lambda state: _link_mentions(state, known, profile_url))
    return md


def _profile_url(handle: str) -> str | None:
    """The member's profile path when the members feature serves profiles."""
    from flask import current_app, has_app_context

    if not has_app_context() or "members.profile" not in current_app.view_functions:
        return None
    adapter = current_app.url_map.bind(
        "localhost", script_name=current_app.config.get("APPLICATION_ROOT", "/")
    )
    return adapter.build("members.profile", {"handle": handle})


def mentions(source: str) -> dict[str, str]:
    """The @handles written in `source`, outside code and links, in order: each folded
    (handle_key) -> as first written ("inês_carvalho")."""
    found: dict[str, str] = {}
    for children, index in _mention_text_tokens(_parser().parse(source or "")):
        for match in MENTION_RE.finditer(children[index].content):
            found.setdefault(handle_key(match.group(1)), match.group(1))
    return found


def mentioned_handles(source: str) -> list[str]:
    """The folded @handles written in `source`, in order."""
    return list(mentions(source))


def render_markdown(source: str, *, known_handles: Collection[str] = ()) -> str:
    """Safe HTML for Markdown `source`; @handles in `known_handles` link to profiles,
    however the writer spelled them (accents, case, short vowels, final sigma)."""
    known = {handle_key(h): h for h in known_handles}
    html = _parser(known, _profile_url).render(source or "")
    return _cleaner().clean(html).strip()
