"""The signals that change whether a thread still waits for an answer (cop/signals.py).

A reply written, deleted, restored, hidden, shown, approved or rejected; posts moved
between threads (a merge, a split, their undoing: thread_changed, sent for each thread
concerned). A thread hidden or locked changes nothing here: the lists leave those out.
"""

from __future__ import annotations

from typing import Any

from cop import signals
from cop.threads.models import Post, Thread
from cop.waiting import services


def _post_created(post: Post, **_: Any) -> None:
    services.note_reply(post)


def _reply_changed(target: Any, **_: Any) -> None:
    """A post's visibility changed (a thread's or resource's own is not about replies)."""
    if isinstance(target, Post) and not target.is_opening:
        services.refresh_waiting(target.thread)


def _thread_changed(thread: Any, **_: Any) -> None:
    if isinstance(thread, Thread):
        services.refresh_waiting(thread)


def connect() -> None:
    signals.post_created.connect(_post_created)
    for signal in (
        signals.post_deleted,
        signals.post_restored,
        signals.content_hidden,
        signals.content_shown,
        signals.content_approved,
        signals.content_rejected,
    ):
        signal.connect(_reply_changed)
    signals.thread_changed.connect(_thread_changed)
