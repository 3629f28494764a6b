"""Benchmark of `cop` on a large community: `python -m bench --help` (see bench/README.md)."""
