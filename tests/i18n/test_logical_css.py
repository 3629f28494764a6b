"""Arabic pages mirror without a stylesheet of their own: CSS says start and end.

`margin-inline-start`, `inset-inline-end`, `text-align: start`, `float: inline-start`,
`border-start-start-radius`: never left or right, in the stylesheets, in <style> blocks
and in style="" attributes of the templates (docs/i18n-direction.md).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "cop"
PHYSICAL_PROPERTY = re.compile(
    r"(?<![\w-])(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)"
    r"(?:-\w+)?|border-(?:top|bottom)-(?:left|right)-radius|left|right)\s*:"
)
PHYSICAL_VALUE = re.compile(
    r"(?<![\w-])(?:float|clear|text-align|caption-side|resize)\s*:\s*(?:left|right)\b"
)
DECLARATIONS = re.compile(r"<style[^>]*>(.*?)</style>|style=\"([^\"]*)\"", re.S)


def physical(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [m.group(0) for m in (*PHYSICAL_PROPERTY.finditer(css), *PHYSICAL_VALUE.finditer(css))]


def _sources() -> list[Path]:
    return [
        *sorted((ROOT / "static").rglob("*.css")),
        *sorted((ROOT / "templates").rglob("*.html")),
    ]


def test_the_check_finds_left_and_right_and_passes_start_and_end():
    assert physical("a { margin-left: 1em; text-align: right; left: 0 }") == [
        "margin-left:",
        "left:",
        "text-align: right",
    ]
    assert physical("a { margin-inline-start: 1em; text-align: start; inset-inline-end: 0 }") == []
    assert physical("a:hover { color: red } /* margin-left: 0 */") == []


def test_styles_use_logical_directions_only():
    found = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = "\n".join(a or b for a, b in DECLARATIONS.findall(text))
        if bad := physical(text):
            found[path.relative_to(ROOT).as_posix()] = bad
    assert found == {}
