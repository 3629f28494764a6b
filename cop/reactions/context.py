"""What a thread page shows of reactions and answers, computed once per page view.

The thread template asks `post_reactions(thread, page)` (a Jinja global set here, so
cop.threads never imports this package). Its `key` holds what is the reader's own
(their reactions in this thread, whether they may react and mark answers): the thread
template adds it to the cached posts region's key, so one reader's pressed buttons never
reach another reader's page. The counts and the answer are shared by every reader; they
load only when the region is rendered (a cache miss) and move with the thread's version
(a reaction's row is in the thread's scope: cop.contentscopes).
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from flask import Flask
from flask_babel import format_decimal
from flask_login import current_user

from cop import permissions
from cop.reactions import policy, queries
from cop.reactions.models import KINDS
from cop.threads.models import Post, Thread


class PageReactions:
    kinds = KINDS

    def __init__(self, reader: Any, thread: Thread, page: Any) -> None:
        self.thread = thread
        self.page = page
        self.reader_id = reader.id if permissions.is_member(reader) else None
        self.may_react = policy.may_react(reader)
        self.may_mark = policy.can_mark_answer(reader, thread)
        self.mine = queries.reader_reactions(reader, thread.id) if self.may_react else frozenset()

    @cached_property
    def key(self) -> str:
        """The reader's own part of the posts region's key."""
        text = repr((sorted(self.mine), self.may_react, self.may_mark, self.reader_id))
        return "|reactions:" + hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    @cached_property
    def counts(self) -> dict[int, dict[str, int]]:
        return queries.counts_for(post_id for post_id, _author in self.page.items)

    @cached_property
    def answer(self) -> Post | None:
        """The answer, shown under the question on the thread's first page."""
        if self.page.number != 1 or not self.thread.category.is_qa:
            return None
        return queries.answer_of(self.thread)

    def count(self, post_id: int, kind: str) -> int:
        return self.counts.get(post_id, {}).get(kind, 0)

    def total(self, post_id: int) -> int:
        return sum(self.counts.get(post_id, {}).values())

    def pressed(self, post_id: int, kind: str) -> bool:
        return (post_id, kind) in self.mine

    def shows(self, post: Post) -> bool:
        """Under live posts only (a hidden post's reactions stay unseen), when there is
        something to show or to press."""
        if not policy.is_live(post):
            return False
        return bool(
            self.total(post.id)
            or self.can_react_to(post)
            or self.can_mark(post)
            or self.is_answer(post)
        )

    def can_react_to(self, post: Post) -> bool:
        if not self.may_react or not policy.is_live(post):
            return False
        return post.author_id is None or post.author_id != self.reader_id

    def can_mark(self, post: Post) -> bool:
        return self.may_mark and policy.can_be_answer(post, self.thread)

    def is_answer(self, post: Post) -> bool:
        return self.thread.category.is_qa and self.thread.answer_post_id == post.id


def post_reactions(thread: Thread, page: Any) -> PageReactions:
    return PageReactions(current_user._get_current_object(), thread, page)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["post_reactions"] = post_reactions
    app.jinja_env.globals.setdefault("format_decimal", format_decimal)
