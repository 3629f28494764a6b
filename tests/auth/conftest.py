"""Account fixtures: the discussion factories (the write refusal needs a thread)."""

from __future__ import annotations

from tests.threads import conftest as discussions

make_category = discussions.make_category
make_thread = discussions.make_thread
