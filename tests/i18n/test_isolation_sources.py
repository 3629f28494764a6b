"""Every user value put into an interface sentence goes through cop.i18n.isolate, in
the source: every branch, not only those the rendered scene reaches (tests/i18n/scene.py).

A sentence's placeholder named like a user value (`%(title)s`, `%(name)s`, ...) must be
filled with `isolate(...)`/`isolated_list(...)` in Python (or a variable or function
that only ever gives one), and with `...|isolate`/`isolated_list(...)` in templates.
Placeholders named otherwise (numbers, dates, links, languages and countries named by
Babel) are the interface's own words. Adding a sentence with `%(title)s` and a bare
title fails here, whichever page or email shows it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from jinja2 import nodes

ROOT = Path(__file__).resolve().parents[2] / "cop"
GETTEXT = {"_", "gettext", "ngettext", "_l", "lazy_gettext", "lazy_ngettext"}
ISOLATING = {"isolate", "isolated_list"}
# Template macros that write the value in an element of its own with dir="auto"
# (macros/members.html member_link): an element with dir isolates its content.
ISOLATING_MACROS = {"member_link"}
# Placeholder names that carry what members wrote (or their names, addresses, files).
USER_VALUES = {
    "actor", "author", "category", "city", "email", "event", "extension", "handle",
    "handles", "member", "name", "names", "note", "organisation", "place", "programme",
    "query", "reason", "resource", "subject", "table", "tag", "title", "venue", "who",
}  # fmt: skip
# Named like a user value, but the interface's own words; each says why.
NOT_USER_VALUES = {
    # The city of a time zone as CLDR names it ("Amman"), translated by Babel.
    ("events/feeds.py", "city"),
    # The name of a community page (code of conduct, privacy...): the site's own words.
    ("templates/pages/edit.html", "page"),
}


def _python_modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def _is_gettext(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT
    )


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return None


class _Module:
    """One module's functions that only ever give isolated values, and its checks."""

    def __init__(self, tree: ast.Module):
        self.tree = tree
        self.functions = {
            n.name: n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.isolating: set[str] = set(ISOLATING)
        changed = True
        while changed:  # functions returning what other isolating functions return
            changed = False
            for name, function in self.functions.items():
                if name not in self.isolating and self._returns_isolated(function):
                    self.isolating.add(name)
                    changed = True

    def _returns_isolated(self, function: ast.AST) -> bool:
        returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
        return bool(returns) and all(
            r.value is not None and self.isolated(r.value, function) for r in returns
        )

    def isolated(self, value: ast.AST, scope: ast.AST) -> bool:
        """The expression can only be an isolated value or the interface's own words."""
        if isinstance(value, ast.Constant) or _is_gettext(value):
            return True
        if isinstance(value, ast.IfExp):
            return self.isolated(value.body, scope) and self.isolated(value.orelse, scope)
        if isinstance(value, ast.Call):
            return _called(value) in self.isolating
        if isinstance(value, ast.Name):
            assigned = [
                n.value
                for n in ast.walk(scope)
                if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == value.id for t in n.targets)
            ]
            # Never assigned here (a parameter): _isolated_by_callers looks at the calls.
            return bool(assigned) and all(self.isolated(v, scope) for v in assigned)
        return False

    def scope_of(self, node: ast.AST) -> ast.AST:
        """The innermost function around `node`, or the module."""
        around = [f for f in self.functions.values() if f.lineno <= node.lineno <= f.end_lineno]
        return min(around, key=lambda f: f.end_lineno - f.lineno, default=self.tree)

    def unisolated(self, relative: str) -> list[str]:
        found = []
        for node in ast.walk(self.tree):
            if not _is_gettext(node):
                continue
            for keyword in node.keywords:
                if keyword.arg not in USER_VALUES or (relative, keyword.arg) in NOT_USER_VALUES:
                    continue
                if not self.isolated(keyword.value, self.scope_of(node)):
                    found.append(f"{relative}:{node.lineno} {keyword.arg}=")
        return sorted(set(found))


def unisolated_in_python(path: Path) -> list[str]:
    relative = path.relative_to(ROOT).as_posix()
    module = _Module(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    found = module.unisolated(relative)
    # A parameter passed on: every call of its function must give an isolated value.
    return [f for f in found if not _isolated_by_callers(module, f)]


def _isolated_by_callers(module: _Module, finding: str) -> bool:
    line = int(finding.split(":")[1].split()[0])
    keyword = finding.rsplit(" ", 1)[1].rstrip("=")
    for name, function in module.functions.items():
        if not function.lineno <= line <= function.end_lineno:
            continue
        parameters = [a.arg for a in function.args.args + function.args.kwonlyargs]
        calls = [n for n in ast.walk(module.tree) if _called(n) == name]
        for node in ast.walk(function):
            if _is_gettext(node) and node.lineno == line:
                value = next(k.value for k in node.keywords if k.arg == keyword)
                if isinstance(value, ast.Name) and value.id in parameters and calls:
                    return all(_argument_isolated(module, c, function, value.id) for c in calls)
    return False


def _argument_isolated(module: _Module, call: ast.Call, function, parameter: str) -> bool:
    positional = [a.arg for a in function.args.args]
    given = {k.arg: k.value for k in call.keywords}
    if parameter in positional and positional.index(parameter) < len(call.args):
        given[parameter] = call.args[positional.index(parameter)]
    if parameter not in given:
        return False
    return module.isolated(given[parameter], module.scope_of(call))


def unisolated_in_template(env, name: str) -> list[str]:
    source = env.loader.get_source(env, name)[0]
    found = []
    for call in env.parse(source).find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name in GETTEXT):
            continue
        for keyword in call.kwargs:
            if (
                keyword.key not in USER_VALUES
                or (f"templates/{name}", keyword.key) in NOT_USER_VALUES
            ):
                continue
            value = keyword.value
            if isinstance(value, nodes.Filter) and value.name == "isolate":
                continue
            if isinstance(value, nodes.Call) and getattr(value.node, "name", "") in (
                ISOLATING | ISOLATING_MACROS
            ):
                continue
            found.append(f"templates/{name}:{call.lineno} {keyword.key}=")
    return found


def bdi_in_page_titles(env, name: str) -> list[str]:
    """`|isolate` in a page's <title> block gives <bdi>, which a <title> shows as text."""
    source = env.loader.get_source(env, name)[0]
    found = []
    for block in env.parse(source).find_all(nodes.Block):
        if block.name != "title":
            continue
        for used in block.find_all(nodes.Filter):
            plain = any(k.key == "plain" for k in used.kwargs)
            if used.name == "isolate" and not plain:
                found.append(f"templates/{name}:{used.lineno} |isolate without plain=True")
    return found


def test_the_checker_finds_a_bare_title_and_accepts_an_isolated_one(tmp_path):
    bare = tmp_path / "bare.py"
    bare.write_text('def f(t):\n    return _("Reply to %(title)s", title=t.title)\n')
    kept = tmp_path / "kept.py"
    kept.write_text(
        "def _t(p):\n    return isolate(p['title'], html=False)\n"
        "def f(p):\n    title = _t(p)\n    return _('Reply to %(title)s', title=title)\n"
        "def g(p, name):\n    return _('%(name)s left', name=name)\n"
        "def h(p):\n    return g(p, isolate(p.name))\n"
    )
    for path, expected in ((bare, 1), (kept, 0)):
        module = _Module(ast.parse(path.read_text()))
        found = [f for f in module.unisolated(path.name) if not _isolated_by_callers(module, f)]
        assert len(found) == expected, found


@pytest.mark.parametrize("path", _python_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_sentences_isolate_the_user_values_they_hold(path):
    assert unisolated_in_python(path) == []


def test_template_sentences_isolate_the_user_values_they_hold(app):
    env = app.jinja_env
    names = [n for n in env.list_templates() if n.endswith((".html", ".txt"))]
    found = [f for name in names for f in unisolated_in_template(env, name)]
    assert found == []


def test_page_titles_isolate_with_plain_text_marks(app):
    env = app.jinja_env
    names = [n for n in env.list_templates() if n.endswith(".html")]
    assert [f for name in names for f in bdi_in_page_titles(env, name)] == []
