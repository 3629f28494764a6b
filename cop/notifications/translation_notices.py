"""Notices of members' translations (cop/translations sends `translation_added`).

A post's author hears once of each new translation of their post (one per language: a
language has one member translation, which others improve without a new notice), and
never of their own. Their email settings decide whether an email follows.
"""

from __future__ import annotations

from cop import signals
from cop.notifications import services
from cop.notifications.fanout import _is_visible, _post_payload
from cop.notifications.models import Kind
from cop.notifications.services import Notice


def on_translation_added(translation, *, original, translator, author_id=None, **_) -> None:
    if original.kind != "post" or author_id is None or author_id == translator.id:
        return
    post = original.obj
    if not _is_visible(post):
        return
    services.notify(
        [Notice(author_id, Kind.TRANSLATION)],
        actor_id=translator.id,
        target_type="post",
        target_id=post.id,
        payload={
            **_post_payload(post),
            "language": translation.language,
            "translation_id": translation.id,
        },
    )


def connect() -> None:
    signals.translation_added.connect(on_translation_added)
