"""The shape of the code (issue 16): no import cycle between feature packages, no module
over 350 lines in cop/, and every module importable on its own.

A feature package is a directory under cop/ with an __init__.py (members, threads, ...);
the core modules cop/*.py are below every feature and are no nodes of the graph. An edge
A -> B is any import of cop.B... by a module of A, at module level or inside a function
(a lazy import is still a dependency); only imports under `if TYPE_CHECKING:` are left
out: they are for type hints and never run. The layering, lowest first: members, auth,
jobs, watching, threads, resources, notifications, search, moderation; then main, admin,
webapp; demo last (only cop/cli.py imports it).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

COP = Path(__file__).resolve().parents[2] / "cop"
MAX_LINES = 350

Edges = dict[tuple[str, str], list[str]]  # (importer, imported) -> ["cop/a/x.py:12", ...]


# The import graph -------------------------------------------------------------------------


def feature_packages(package_dir: Path) -> set[str]:
    return {p.name for p in package_dir.iterdir() if (p / "__init__.py").is_file()}


def _module_name(path: Path, package_dir: Path) -> str:
    parts = path.relative_to(package_dir.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except in the body of `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
        elif isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        else:
            yield from _import_nodes(child)


def _imported(node: ast.Import | ast.ImportFrom, package: str) -> Iterator[str]:
    """The dotted names an import statement reaches ("cop.threads.models", "cop.demo")."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: from package's level-th parent
        parent = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parent, *([base] if base else [])])
    yield base
    yield from (f"{base}.{alias.name}" for alias in node.names)  # from cop import threads


def feature_edges(package_dir: Path) -> Edges:
    """The imports between feature packages, each with the places it is written."""
    top, features = package_dir.name, feature_packages(package_dir)
    edges: Edges = defaultdict(list)
    for path in sorted(package_dir.rglob("*.py")):
        module = _module_name(path, package_dir)
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in features:
            continue  # a core module
        source = parts[1]
        package = module if path.name == "__init__.py" else ".".join(parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _import_nodes(tree):
            targets = set()
            for name in _imported(node, package):
                names = name.split(".")
                if len(names) > 1 and names[0] == top and names[1] in features:
                    targets.add(names[1])
            for target in targets - {source}:
                where = f"{path.relative_to(package_dir.parent)}:{node.lineno}"
                edges[(source, target)].append(where)
    return dict(edges)


def cycles(edges: Edges) -> list[list[str]]:
    """The strongly connected components of more than one package (Tarjan), sorted."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def describe(components: list[list[str]], edges: Edges) -> str:
    """Each cycle, then each import inside it with the files that write it."""
    lines = []
    for component in components:
        lines.append("cycle: " + " <-> ".join(component))
        for (source, target), places in sorted(edges.items()):
            if source in component and target in component:
                lines.append(f"  {source} -> {target}: " + ", ".join(places))
    return "\n".join(lines)


# The rules on cop/ ------------------------------------------------------------------------


def test_no_import_cycle_between_feature_packages():
    edges = feature_edges(COP)
    components = cycles(edges)
    assert not components, (
        "import cycles between feature packages (a lower package must not import a higher "
        "one; use cop/signals.py or a lower module):\n" + describe(components, edges)
    )


def test_no_module_in_cop_is_over_350_lines():
    long = {
        str(path.relative_to(COP.parent)): count
        for path in sorted(COP.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them by purpose):\n" + "\n".join(
        f"  {path}: {count}" for path, count in sorted(long.items(), key=lambda kv: -kv[1])
    )


# Each module is imported in a child forked from an interpreter that has loaded the
# third-party libraries and no `cop` module: as alone as a fresh interpreter, without
# paying Flask's and SQLAlchemy's start-up once per module. Which libraries: those a
# scout child found loaded after importing every module named (about 800; the check
# went from 80 s to about 15).
_IMPORT_EACH_ALONE = r"""
import importlib, json, os, sys, traceback
ours = set(sys.argv[1:])
def is_ours(name):
    return name == "cop" or name.startswith("cop.") or name in ours or name == "__main__"
reading, writing = os.pipe()
if os.fork() == 0:
    os.close(reading)
    for module in sys.argv[1:]:
        try:
            importlib.import_module(module)
        except BaseException:
            pass
    with os.fdopen(writing, "w") as out:
        json.dump([name for name in sys.modules if not is_ours(name)], out)
    os._exit(0)
os.close(writing)
with os.fdopen(reading) as found:
    libraries = json.load(found)
os.wait()
for library in libraries:
    try:
        importlib.import_module(library)
    except BaseException:
        pass
assert not [m for m in sys.modules if m == "cop" or m.startswith("cop.")]
running = 0
for module in sys.argv[1:]:
    if running == 2:  # two children at a time: the machine's other core
        os.wait()
        running -= 1
    child = os.fork()
    if child == 0:
        try:
            importlib.import_module(module)
        except BaseException:
            print(module + ": " + traceback.format_exc().strip().splitlines()[-1], flush=True)
            os._exit(1)
        os._exit(0)
    running += 1
while running:
    os.wait()
    running -= 1
"""


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the import graph does not depend on the database: checked on the SQLite pass",
)
def test_every_module_imports_alone():
    modules = sorted(_module_name(path, COP) for path in COP.rglob("*.py"))
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, *modules],
        cwd=COP.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    failures = result.stdout.strip()
    assert not failures, "modules that fail to import alone:\n" + failures


def test_the_import_check_reports_a_module_that_fails_alone(tmp_path):
    (tmp_path / "broken_alone.py").write_text("import cop.no_such_module\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, "broken_alone", "cop.textfold"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{COP.parent}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.startswith("broken_alone: ModuleNotFoundError")
    assert "cop.textfold" not in result.stdout


# The detector itself, on a tiny tree -------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "cop" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "cop"


def test_the_detector_finds_two_and_three_cycles_and_ignores_type_checking(tmp_path):
    package_dir = _tree(
        tmp_path,
        {
            "__init__.py": "from cop import a, b, c, d, e, f\n",  # core: no node
            "core.py": "import cop.a\n",
            # a <-> b: a module-level import one way, a lazy one back
            "a/__init__.py": "",
            "a/models.py": "from cop.b.models import Thing\n",
            "b/__init__.py": "",
            "b/models.py": "def later():\n    from cop.a import models\n",
            # c -> d -> e -> c: absolute, "from cop import", and relative from a subpackage
            "c/__init__.py": "import cop.d.views as v\n",
            "d/__init__.py": "",
            "d/views.py": "from cop import e\n",
            "e/__init__.py": "",
            "e/inner/__init__.py": "",
            "e/inner/x.py": "from ...c import y\n",
            # f -> a only: a's import back is for type hints
            "f/__init__.py": "from cop.a.models import Thing\n",
            "a/hints.py": (
                "from typing import TYPE_CHECKING\nimport typing\n"
                "if TYPE_CHECKING:\n    from cop.f import Other\n"
                "if typing.TYPE_CHECKING:\n    import cop.f.more\n"
            ),
            "a/local.py": "from . import models\nfrom .models import Thing\n",
        },
    )
    edges = feature_edges(package_dir)
    assert cycles(edges) == [["a", "b"], ["c", "d", "e"]]
    assert ("a", "f") not in edges and ("f", "a") in edges
    assert edges[("b", "a")] == ["cop/b/models.py:2"]
    assert edges[("e", "c")] == ["cop/e/inner/x.py:1"]
    report = describe(cycles(edges), edges)
    assert "cycle: a <-> b" in report and "cycle: c <-> d <-> e" in report
    assert "  d -> e: cop/d/views.py:1" in report


def test_the_detector_counts_the_else_of_type_checking(tmp_path):
    package_dir = _tree(
        tmp_path,
        {
            "a/__init__.py": "from cop.b import x\n",
            "b/__init__.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    pass\nelse:\n    from cop.a import y\n"
            ),
        },
    )
    assert cycles(feature_edges(package_dir)) == [["a", "b"]]
