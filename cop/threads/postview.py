"""What a reader sees of one post: the actions offered, and the key of its fragment.

The permission checks run here once per post, in Python; the template only reads the
answers. The cache key (cop.fragments) digests every value _post.html shows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cop import permissions
from cop.fragments import fragment_key
from cop.templating import has_endpoint, time_ago
from cop.threads.models import Post, Thread


@dataclass(frozen=True, slots=True)
class PostView:
    post: Post
    readable: bool
    quote_and_reply: bool
    edit: bool
    delete: bool
    report: bool
    moderate: bool
    restore: bool
    created_ago: str
    cache_key: str | None  # None: render it every time (moderation states are rare)


def post_view(
    reader: Any, post: Post, thread: Thread, *, can_reply: bool, moderation: bool
) -> PostView:
    readable = permissions.can_see_post(reader, post)
    live = readable and not post.is_deleted
    own = permissions.is_member(reader) and post.author_id == reader.id
    flags = {
        "readable": readable,
        "quote_and_reply": can_reply and live,
        "edit": permissions.can_edit_post(reader, post),
        "delete": permissions.can_delete_post(reader, post),
        # Report and Moderate exist with cop/moderation; nobody reports their own post.
        "report": moderation and live and not own and permissions.can_report(reader),
        "moderate": moderation and live and permissions.can_moderate(reader),
        "restore": permissions.can_restore_post(reader, post),
    }
    created_ago = time_ago(post.created_at)
    key = None
    if not (post.is_deleted or post.is_hidden or post.is_pending):
        author = post.author
        key = fragment_key(
            "post",
            post.id,
            post.position,
            post.language,
            thread.id,
            thread.language,
            post.created_at.isoformat(),
            created_ago,
            post.edit_count,
            post.edited_at.isoformat() if post.edited_at else "",
            hashlib.blake2b(post.body_html.encode(), digest_size=16).hexdigest(),
            *(
                (author.id, author.handle, author.display_name, author.avatar_version)
                if author
                else ("former",)
            ),
            author.country if author else "",
            *flags.values(),
        )
    return PostView(post=post, created_ago=created_ago, cache_key=key, **flags)


def post_views(reader: Any, posts: list[Post], thread: Thread) -> list[PostView]:
    # The member itself, not Flask-Login's proxy: each permission asks it several times.
    reader = getattr(reader, "_get_current_object", lambda: reader)()
    can_reply = permissions.can_reply(reader, thread)
    moderation = has_endpoint("moderation.queue")
    return [
        post_view(reader, post, thread, can_reply=can_reply, moderation=moderation)
        for post in posts
    ]
