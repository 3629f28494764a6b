"""Pictures in posts (cop/pictures): which post uses a picture, who may see it, and
removing one from its post.

A written or edited post claims the author's pictures its Markdown refers to; a
picture is then shown to whoever may see that post (a hidden or deleted post's
pictures are not found by anyone else). A removed picture leaves the post's words as an
edit does, and every earlier version of them too: its file is gone.
"""

from __future__ import annotations

import logging

from flask_login import AnonymousUserMixin
from sqlalchemy import select

from cop import permissions, signals
from cop.extensions import db
from cop.members.models import Member
from cop.pictures import evidence, visibility
from cop.pictures import services as pictures
from cop.pictures.models import Picture
from cop.sanitize import POLICY_VERSION
from cop.threads import services
from cop.threads.models import Post, PostRevision, Thread
from cop.threads.rendering import render_preview
from cop.versions import claim_version

logger = logging.getLogger(__name__)


def _use(post: Post) -> str:
    return f"post:{post.id}"


def _post_visible(post_id: int, viewer: Member | None) -> bool:
    post = db.session.get(Post, post_id)
    return post is not None and permissions.can_see_post(viewer or AnonymousUserMixin(), post)


def _claim(post: Post) -> None:
    pictures.claim_pictures(post.author, post.body_source, _use(post))


def _on_thread_started(thread: Thread, post: Post, **_extra) -> None:
    _claim(post)


def _on_post_written(post: Post, **_extra) -> None:
    _claim(post)


def register() -> None:
    visibility.register("post", _post_visible)
    signals.thread_started.connect(_on_thread_started, weak=False)
    signals.post_created.connect(_on_post_written, weak=False)
    signals.post_edited.connect(_on_post_written, weak=False)


# Removing one


def post_pictures(post: Post) -> list[Picture]:
    """The pictures the post uses, shown in its words or edited out of them since."""
    return pictures.pictures_used_by(_use(post))


def kept_as_evidence(remover: Member) -> bool:
    """While something the remover wrote is reported, their pictures stay for the
    moderators to see: only a moderator removes one then (cop.pictures.evidence)."""
    return not permissions.is_moderator(remover) and evidence.is_under_report(remover.id)


def post_picture(post: Post, picture_id: int) -> Picture | None:
    """The picture with this id if the post uses it."""
    return pictures.picture_used_by(_use(post), picture_id)


def remove_picture_from_post(
    post: Post, picture: Picture, *, actor: Member, reason: str = ""
) -> None:
    """The picture leaves the post for good, whoever removes it (its uploader, or a
    moderator: the audit log keeps that, with `reason`).

    The post's words lose its references as an edit by `actor` (the words before kept
    as a revision, the post marked edited); its version moves on, so an edit form still
    holding the picture is refused as stale (StaleEdit here if the post was saved since
    it was loaded). Every version in its history loses them too, then the row, the files
    and their room in the uploader's quota go (cop.pictures.services.remove_picture)."""
    key = picture.key
    claim_version(post, post.version)
    body = pictures.without_picture(post.body_source, key)
    if body != post.body_source:
        services.record_edit(post, editor=actor, body=body)
    _remove_from_history(post, key)
    pictures.remove_used_picture(post, picture, actor=actor, reason=reason)


def _remove_from_history(post: Post, key: str) -> None:
    revisions = db.session.scalars(
        select(PostRevision).where(
            PostRevision.post_id == post.id, PostRevision.body_source.contains(key)
        )
    )
    for revision in revisions:
        revision.body_source = pictures.without_picture(revision.body_source, key)
        revision.body_html = render_preview(revision.body_source)
        revision.policy_version = POLICY_VERSION
    db.session.flush()
