"""Account fixtures: the discussion factories (the write refusal needs a thread) and the
conversation factory (conversations are writing too)."""

from __future__ import annotations

from tests.conversations import conftest as conversations
from tests.threads import conftest as discussions

make_category = discussions.make_category
make_thread = discussions.make_thread
make_conversation = conversations.make_conversation
