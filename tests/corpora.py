"""Test inputs kept with the project."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def naughty_strings() -> tuple[str, ...]:
    """The Big List of Naughty Strings, without the empty and blank ones."""
    strings = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
    return tuple(s for s in strings if s.strip())


def naughty_sample(step: int = 9) -> tuple[str, ...]:
    """Every step-th naughty string: wide coverage at a fraction of the cost."""
    return naughty_strings()[::step]
