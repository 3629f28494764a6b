"""What closing an account does to the member's content in other features.

Each feature that keeps content by members gets one small function here. Foreign keys
to members are ON DELETE SET NULL, so by default the content stays, shown as written by
"former member"; asked to, the member's posts are deleted the way a moderator deletes
one (the post stays in its thread as "deleted", so no thread loses its order).
"""

from __future__ import annotations

import importlib.util

from sqlalchemy import delete, select

from cop.extensions import db
from cop.members.models import Member


def _feature_exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def before_close(member: Member, *, delete_posts: bool) -> None:
    if delete_posts and _feature_exists("cop.threads.models"):
        delete_posts_of(member)


def delete_posts_of(member: Member) -> None:
    """Delete the member's posts as the thread service does (counters stay right), then
    erase their words and earlier versions: asked to delete, nothing of them remains."""
    from cop.threads import services as threads
    from cop.threads.models import Post, PostRevision

    posts = db.session.scalars(select(Post).where(Post.author_id == member.id)).all()
    for post in posts:
        threads.delete_post(post, actor=member)
        post.body_source = ""
        post.body_html = ""
    if posts:
        db.session.execute(
            delete(PostRevision).where(PostRevision.post_id.in_([p.id for p in posts])),
            execution_options={"synchronize_session": False},
        )
    db.session.flush()
