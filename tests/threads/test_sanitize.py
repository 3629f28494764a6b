"""Markdown is rendered and cleaned once: no known XSS vector survives."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cop.sanitize import ALLOWED_TAGS, LINK_REL, POLICY_VERSION, mentioned_handles, render_markdown

SAFE_HREF_STARTS = ("http://", "https://", "mailto:", "/", "#")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    audit = _Audit()
    audit.feed(html)
    for tag, attrs in audit.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name in {"href", "title", "rel", "class", "start"}, (name, html)
            if name == "href":
                assert value.startswith(SAFE_HREF_STARTS), html
                assert not value.startswith("//"), html
            if name == "class":
                assert value == "mention" or value.startswith("language-"), html
        if tag == "a" and "href" in attrs:
            assert attrs["rel"] == LINK_REL
    lowered = html.lower()
    for word in ("<script", "<style", "<iframe", "<svg", "<img", "<object", "<embed", "<form"):
        assert word not in lowered, html


XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<!--<script>alert(1)</script>-->",
    "<p <script>alert(1)</script>>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](javascript&#58;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[click](jav\tascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "[click](//evil.example/)",
    '[click](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x" onerror="alert(1)](https://example.org/a.png)',
    "[x](https://example.org/<script>)",
    "<javascript:alert(1)>",
    '<https://example.org/"onmouseover="alert(1)>',
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[a](<javascript:alert(1)>)",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <script>alert(1)</script>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "www.example.org/<script>alert(1)</script>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "<div><p><b>unclosed <i>nested <a href=javascript:alert(1)>",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\u202e<script>alert(1)</script>",
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_no_xss_vector_survives(vector):
    assert_safe(render_markdown(vector))


def _naughty_strings() -> list[str]:
    path = Path("/work/shared/corpora/blns.json")
    strings = json.loads(path.read_text(encoding="utf-8"))
    return strings[::3]


def test_naughty_strings_render_safely():
    for text in _naughty_strings():
        assert_safe(render_markdown(text))


def test_markdown_features_are_kept():
    html = render_markdown(
        "# Title\n\n**bold** *em* ~~gone~~ `code`\n\n- one\n- two\n\n3. three\n\n"
        "> quoted\n\n```python\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[site](https://example.org) [mail](mailto:a@example.org)"
    )
    for piece in (
        "<h1>Title</h1>",
        "<strong>bold</strong>",
        "<em>em</em>",
        "<s>gone</s>",
        "<code>code</code>",
        "<li>one</li>",
        '<ol start="3">',
        "<blockquote>",
        '<code class="language-python">',
        "<table>",
        "<td>2</td>",
        f'<a href="https://example.org" rel="{LINK_REL}">site</a>',
        'href="mailto:a@example.org"',
    ):
        assert piece in html, piece
    assert_safe(html)


def test_bare_addresses_become_safe_links():
    html = render_markdown("see https://example.org/page and www.example.org")
    assert f'<a href="https://example.org/page" rel="{LINK_REL}">' in html
    assert 'href="http://www.example.org"' in html


def test_images_become_links_to_the_picture():
    html = render_markdown("![A map](https://example.org/map.png)")
    assert html == f'<p><a href="https://example.org/map.png" rel="{LINK_REL}">A map</a></p>'


def test_table_alignment_styles_are_dropped():
    html = render_markdown("| a |\n|--:|\n| 1 |")
    assert "style" not in html


def test_line_breaks_are_kept():
    assert "<br>" in render_markdown("one\ntwo")


def test_mentions_of_known_members_are_marked_and_others_left_alone():
    html = render_markdown("Hi @lucia and @nobody", known_handles=["lucia"])
    assert '<span class="mention">@lucia</span>' in html or 'class="mention"' in html
    assert "@nobody" in html and html.count("mention") == 1


def test_mentions_link_to_profiles_when_the_members_pages_exist(app):
    html = render_markdown("Hi @lucia", known_handles=["lucia"])
    if "members.profile" in app.view_functions:
        assert 'href="/members/' in html or 'href="/' in html
        assert 'class="mention"' in html
    else:
        assert '<span class="mention">@lucia</span>' in html


def test_mentions_are_found_outside_code_and_links_in_any_script():
    source = "@Lucia_Fernandez, @عمر_الخطيب and `@code` [@linked](https://x.org) mail@example.org"
    assert mentioned_handles(source) == ["lucia_fernandez", "عمر_الخطيب"]


def test_mentions_in_code_are_not_linked():
    html = render_markdown("`@lucia`\n\n    @lucia", known_handles=["lucia"])
    assert "mention" not in html


def test_policy_version_is_a_positive_integer():
    assert isinstance(POLICY_VERSION, int) and POLICY_VERSION >= 1
