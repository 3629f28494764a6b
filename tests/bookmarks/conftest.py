"""Bookmark tests: the things to bookmark come from the features' own factories."""

from __future__ import annotations

from tests.events.conftest import make_event, table  # noqa: F401  (fixtures)
from tests.resources.conftest import make_resource, upload_folder  # noqa: F401  (fixtures)
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)
