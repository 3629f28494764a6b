"""Draft tests: threads and conversations from their own factories."""

from __future__ import annotations

from tests.conversations.conftest import make_conversation, open_to_strangers  # noqa: F401
from tests.threads.conftest import make_category, make_thread  # noqa: F401  (fixtures)
