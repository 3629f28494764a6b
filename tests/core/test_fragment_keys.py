"""Every value a cached fragment shows is in its key (cop.fragments).

A fragment's key is written by hand (cop/*/fragments.py), next to a template that can
grow: a field added to the template and not to the key would go stale silently, for a
day. This test reads each `{% cache FRAGMENT_TIMEOUT, key %}` block's Jinja syntax tree
(following the macros it calls and the templates it includes), lists every attribute
path it reads (`thread.author.display_name`), and requires every name on each path to
be read by the key: by its expression, or by its key function's Python syntax tree
(with the helpers it calls in cop.fragments and its own module). It compares names,
not whole paths (`thread.resource.title` passes on `thread.title`): a net for the
usual slip, a new field shown and not keyed, not a proof.

Regions (REGION_TIMEOUT) are keyed by content versions instead (cop.contentversion).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from dataclasses import dataclass, field

import pytest
from jinja2 import nodes

from cop.threads import fragments as thread_fragments

# Names every fragment may read: functions of the value and the reader's language and
# zone (in every key), constants, and Jinja's own.
SAFE_GLOBALS = frozenset(
    {
        "_", "gettext", "ngettext", "url_for", "csrf_token", "has_endpoint", "asset_url",
        "html_lang", "html_dir", "supported_locales", "country_name", "kinds",
        "licence_labels", "FRAGMENT_TIMEOUT", "REGION_TIMEOUT", "loop", "none", "true",
        "false", "range", "namespace", "main_navigation", "config", "new_client_token",
        "kind_label", "profession_label", "expertise_label", "language_tag",
        # A slot, the same for every reader, filled per reader as the page leaves
        # (cop/bookmarks/slots.py): its arguments are in the key.
        "bookmark_slot",
        # Flask-Babel's number formatting (the conversations' pages): a function of the
        # value, in the reader's language (in every key).
        "format_decimal",
    }
)  # fmt: skip
# Attributes that derive from a value the key already holds (a date's text, an enum's
# label) or read a constant mapping.
DERIVED = frozenset({"isoformat", "label", "value", "get", "items", "upper", "lower"})
# Parts a block reads that its key need not hold, with the reason.
EXEMPT = {
    # Deleted, hidden and pending posts are never cached (PostView.cache_key is None).
    ("threads/_post.html", "view.cache_key"): {
        "deleted_by", "deleted_at", "display_name", "item", "is_pending", "moderation_reason",
    },
    # The arrows and the numbers shown (cop.pagination.page_window) follow from the page's
    # number and count, both in the key.
    ("macros/pagination.html", 'fragment_key("pager", endpoint, args, anchor, page.number, page.pages)'): {
        "has_prev", "has_next", "page_window",
    },
    # The editor is the same for everyone writing in a language: form.value is a blank
    # ReplyForm built for it, and the fragment holds no value of it.
    ("threads/show.html", 'fragment_key("reply-editor", reply_language)'): {"form"},
    # A conversation's blank forms (`fresh`: no draft, nothing sent back), the same for
    # every reader in a language; their tokens are outside the fragment.
    ("conversations/show.html", 'fragment_key("conversation-reply")'): {"form", "attach"},
    ("conversations/show.html", 'fragment_key("conversation-add")'): {"add_form"},
}  # fmt: skip
# Attribute keys that stand for a function computing the key in Python.
KEY_ATTRIBUTES = {"cache_key": thread_fragments.post_view}


_trees: dict[tuple[int, str], nodes.Template] = {}


def _parsed(env, name: str) -> nodes.Template:
    key = (id(env), name)
    if key not in _trees:
        _trees[key] = env.parse(env.loader.get_source(env, name)[0])
    return _trees[key]


@dataclass
class Reads:
    paths: set[tuple[str, ...]] = field(default_factory=set)


class BlockReader:
    """The attribute paths a part of a template reads, through macros and includes."""

    def __init__(self, env, template: str) -> None:
        self.env = env
        self.macros: dict[str, tuple[nodes.Macro, str]] = {}
        self.seen: set[tuple[str, str]] = set()
        self.reads = Reads()
        self._learn_macros(template)

    def _parse(self, name: str) -> nodes.Template:
        return _parsed(self.env, name)

    def _learn_macros(self, name: str) -> None:
        tree = self._parse(name)
        for macro in tree.find_all(nodes.Macro):
            self.macros.setdefault(macro.name, (macro, name))
        for imported in tree.find_all(nodes.FromImport):
            if isinstance(imported.template, nodes.Const):
                other = self._parse(imported.template.value)
                for macro in other.find_all(nodes.Macro):
                    for entry in imported.names:
                        source, alias = entry if isinstance(entry, tuple) else (entry, entry)
                        if macro.name == source:
                            self.macros[alias] = (macro, imported.template.value)

    def path_of(self, node, scope) -> tuple[str, ...] | None:
        if isinstance(node, nodes.Name):
            return scope.get(node.name, (node.name,)) if node.name in scope else (node.name,)
        if isinstance(node, nodes.Getattr):
            base = self.path_of(node.node, scope)
            return None if base is None else (*base, node.attr)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base = self.path_of(node.node, scope)
            return None if base is None else (*base, str(node.arg.value))
        if isinstance(node, nodes.Filter) and node.node is not None:
            return self.path_of(node.node, scope)
        return None

    def visit(self, node, scope: dict) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            path = self.path_of(node, scope)
            if path is not None:
                self.reads.paths.add(path)
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.visit(node.node, scope)
                self.visit(node.arg, scope)
            return
        if (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in self.macros
            and node.node.name not in scope
        ):
            self._call_macro(node, scope)
            return
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            base = self.path_of(node.iter, scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = (*base, "[]") if base else None
            for target in node.target.find_all(nodes.Name):  # unpacked: opaque
                inner[target.name] = None
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            self.visit(node.node, scope)
            scope[node.target.name] = self.path_of(node.node, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=True):
                self.visit(value, scope)
                inner[target.name] = self.path_of(value, scope)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
            included = dict(scope)
            for child in self._parse(node.template.value).body:
                self.visit(child, included)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def _call_macro(self, call: nodes.Call, scope: dict) -> None:
        macro, template = self.macros[call.node.name]
        for arg in (*call.args, *(kw.value for kw in call.kwargs)):
            self.visit(arg, scope)
        inner = {}
        for param, arg in zip(macro.args, call.args, strict=False):
            inner[param.name] = self.path_of(arg, scope)
        for kw in call.kwargs:
            inner[kw.key] = self.path_of(kw.value, scope)
        for param in macro.args[len(call.args) :]:
            inner.setdefault(param.name, None)  # a default: a constant
        key = (template, macro.name, repr(sorted(inner.items(), key=str)))
        if key in self.seen:
            return
        self.seen.add(key)
        other = BlockReader(self.env, template)
        other.reads, other.seen = self.reads, self.seen
        for child in macro.body:
            other.visit(child, inner)  # one scope: a {% set %} holds for what follows


def python_names(function, depth: int = 2) -> set[str]:
    """Every attribute, name and string a key function reads, and its helpers'."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    names: set[str] = set()
    module = inspect.getmodule(function)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)
        if depth and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            helper = getattr(module, node.func.id, None)
            helper_module = getattr(helper, "__module__", "") or ""
            if inspect.isfunction(helper) and helper_module in (
                module.__name__,
                "cop.fragments",
            ):
                names |= python_names(helper, depth - 1)
    return names


@dataclass
class CacheBlock:
    template: str
    key: nodes.Node
    key_source: str
    body: list


def fragment_blocks(env) -> list[CacheBlock]:
    found = []
    for name in env.loader.list_templates():
        if not name.endswith(".html"):
            continue
        source = env.loader.get_source(env, name)[0]
        for block in env.parse(source).find_all(nodes.CallBlock):
            call = block.call
            if not (isinstance(call.node, nodes.ExtensionAttribute) and call.node.name == "_cache"):
                continue
            timeout, key = call.args[0], call.args[1]
            if isinstance(timeout, nodes.Name) and timeout.name == "FRAGMENT_TIMEOUT":
                found.append(CacheBlock(name, key, _source_of(source, key), block.body))
    return found


def _source_of(source: str, key: nodes.Node) -> str:
    line = source.splitlines()[key.lineno - 1]
    start = line.index("FRAGMENT_TIMEOUT,") + len("FRAGMENT_TIMEOUT,")
    return line[start : line.index("%}", start)].strip()


def key_names_and_roots(env, block: CacheBlock) -> tuple[set[str], set[str]]:
    """What the key reads (names) and the template names it stands for (roots)."""
    names: set[str] = set()
    roots = {n.name for n in block.key.find_all(nodes.Name)}
    for node in block.key.find_all(nodes.Getattr):
        names.add(node.attr)
    for node in block.key.find_all(nodes.Const):
        names.add(str(node.value))
    functions = []
    key = block.key
    if isinstance(key, nodes.Call) and isinstance(key.node, nodes.Name):
        function = env.globals.get(key.node.name)
        if function is not None and key.node.name != "fragment_key":
            functions.append(function)
    if isinstance(key, nodes.Getattr) and key.attr in KEY_ATTRIBUTES:
        functions.append(KEY_ATTRIBUTES[key.attr])
    for function in functions:
        names |= python_names(function)
        roots |= set(inspect.signature(function).parameters) | python_names(function, 0)
    return names, roots


def missing_from_key(env, block: CacheBlock) -> set[str]:
    reader = BlockReader(env, block.template)
    scope: dict = {}
    for child in block.body:
        reader.visit(child, scope)
    names, roots = key_names_and_roots(env, block)
    exempt = EXEMPT.get((block.template, block.key_source), set())
    missing = set()
    for root, *attributes in reader.reads.paths:
        if root in SAFE_GLOBALS or root in exempt:
            continue
        if root not in roots:
            missing.add(root)
            continue
        for attribute in attributes:
            if attribute not in {*names, *DERIVED, *exempt, "[]"}:
                missing.add(f"{root}…{attribute}")
    return missing


def test_the_templates_have_the_fragments_this_test_reads(app):
    blocks = fragment_blocks(app.jinja_env)
    assert len(blocks) >= 10
    assert {b.template for b in blocks} >= {
        "base.html", "threads/_lists.html", "threads/_post.html", "members/directory.html",
        "resources/index.html", "members/profile.html",
    }  # fmt: skip


def test_every_value_a_cached_fragment_shows_is_in_its_key(app):
    problems = {
        f"{block.template}: {block.key_source}": sorted(missing)
        for block in fragment_blocks(app.jinja_env)
        if (missing := missing_from_key(app.jinja_env, block))
    }
    assert problems == {}


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("{{ thread.summary }}", {"thread…summary"}),
        ("{{ thread.author.pronouns }}", {"thread…pronouns"}),
        ("{% for tag in thread.tags %}{{ tag.name }}{% endfor %}", {"thread…tags", "thread…name"}),
        ("{% set who = thread.author %}{{ who.pronouns }}", {"thread…pronouns"}),
        (
            '{% include "resources/_thread_resource.html" %}',
            {"current_user", "thread…resource", "thread…is_removed", "thread…original_language"},
        ),
        ("{{ member_link(thread.editor) }}", {"thread…editor"}),
        ("{{ site_name }}", {"site_name"}),
        ("{{ thread.title }} {{ member_link(thread.author) }}", set()),
    ],
)
def test_a_value_shown_but_not_in_the_key_is_found(app, body, missing):
    env = app.jinja_env
    source = (
        '{% from "macros/members.html" import member_link %}'
        "{% cache FRAGMENT_TIMEOUT, thread_row_key(thread, false, false, html_lang) %}"
        f"{body}{{% endcache %}}"
    )
    key_call = env.parse(source).find(nodes.CallBlock)
    block = CacheBlock("threads/_lists.html", key_call.call.args[1], "", key_call.body)
    assert missing_from_key(env, block) == missing
