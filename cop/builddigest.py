"""A digest of what renders the pages: code, templates, compiled catalogs, static files.

Every cache key holds it (cop.fragments), so a deploy that changes any of them starts
from new keys: a cache shared through Redis never serves the old markup or the old
translations. Computed once when the app starts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from flask import Flask

# What can change a rendered page. Uploaded files live in the instance folder, not here.
SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json", ".ico"})


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file()
    )


def build_digest(roots: Iterable[Path], label: str = "") -> str:
    """A digest of every file under `roots` (its name in the root, its content) and
    `label`: the same for two checkouts of the same code, wherever they are."""
    signature = []
    for number, root in enumerate(roots):
        for path in _files(root):
            stat = path.stat()
            signature.append(
                (
                    number,
                    str(path),
                    path.relative_to(root).as_posix(),
                    stat.st_mtime_ns,
                    stat.st_size,
                )
            )
    # Stat first: an app made again in the same process (tests) skips the reading.
    return _digest(tuple(signature), label)


@cache
def _digest(signature: tuple, label: str) -> str:
    digest = hashlib.blake2b(label.encode(), digest_size=8)
    for number, path, name, _mtime, _size in signature:
        digest.update(f"{number}:{name}".encode() + b"\0")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _package_version() -> str:
    try:
        return version("cop")
    except PackageNotFoundError:
        return "unknown"


def app_build_digest(app: Flask) -> str:
    """The digest of this app's package (code, templates, static files) and catalogs."""
    package = Path(app.root_path)
    roots = [package, *(Path(p) for p in _translation_folders(app))]
    return build_digest(roots, label=_package_version())


def _translation_folders(app: Flask) -> list[str]:
    folders = app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations").split(";")
    return [
        folder if Path(folder).is_absolute() else str(Path(app.root_path).parent / folder)
        for folder in folders
    ]
