"""Pictures in posts (cop/pictures): which post uses a picture, and who may see it.

A written or edited post claims the author's pictures its Markdown refers to; a
picture is then shown to whoever may see that post (a hidden or deleted post's
pictures are not found by anyone else).
"""

from __future__ import annotations

from flask_login import AnonymousUserMixin

from cop import permissions, signals
from cop.extensions import db
from cop.members.models import Member
from cop.pictures import services as pictures
from cop.pictures import visibility
from cop.threads.models import Post, Thread


def _post_visible(post_id: int, viewer: Member | None) -> bool:
    post = db.session.get(Post, post_id)
    return post is not None and permissions.can_see_post(viewer or AnonymousUserMixin(), post)


def _claim(post: Post) -> None:
    pictures.claim_pictures(post.author, post.body_source, f"post:{post.id}")


def _on_thread_started(thread: Thread, post: Post, **_extra) -> None:
    _claim(post)


def _on_post_written(post: Post, **_extra) -> None:
    _claim(post)


def register() -> None:
    visibility.register("post", _post_visible)
    signals.thread_started.connect(_on_thread_started, weak=False)
    signals.post_created.connect(_on_post_written, weak=False)
    signals.post_edited.connect(_on_post_written, weak=False)
