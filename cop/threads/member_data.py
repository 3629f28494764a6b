"""A member's discussions, as the members package shows, exports and closes them.

Registered in cop.threads.init_app (see cop.members.contributions): the profile's
"Discussions started" and "Replies" lists, the "posts" part of the data export and the
threads read in its "reading" part, and, when a closing member asks for it, the
deletion of their posts.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from cop.extensions import db
from cop.members.contributions import (
    ActivitySection,
    ExportPart,
    iso,
    register_activity_section,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member
from cop.threads import services
from cop.threads.models import Post, PostRevision, Thread, ThreadRead

POSTS_CHUNK = 500


def register() -> None:
    register_activity_section(
        ActivitySection("threads", _l("Discussions started"), "threads.show", "thread_id",
                        threads_started, order=10)
    )  # fmt: skip
    register_activity_section(
        ActivitySection("replies", _l("Replies"), "threads.post", "post_id", replies, order=20)
    )
    register_export_part("posts", posts_part, order=20)
    register_export_part("reading", threads_read_part, order=90)
    register_closing_step(close_member)


# The profile's lists: only what every reader may see


def threads_started(member: Member):
    visible = (
        Thread.author_id == member.id,
        Thread.is_hidden.is_(False),
        Thread.is_pending.is_(False),
    )
    return (
        select(func.count(Thread.id)).where(*visible),
        select(Thread.id, Thread.title, Thread.created_at)
        .where(*visible)
        .order_by(Thread.created_at.desc(), Thread.id.desc()),
    )


def replies(member: Member):
    visible = (
        Post.author_id == member.id,
        Post.position > 1,
        Post.is_deleted.is_(False),
        Post.is_hidden.is_(False),
        Post.is_pending.is_(False),
        Thread.is_hidden.is_(False),
        Thread.is_pending.is_(False),
    )
    return (
        select(func.count(Post.id)).join(Post.thread).where(*visible),
        select(Post.id, Thread.title, Post.created_at)
        .join(Post.thread)
        .where(*visible)
        .order_by(Post.created_at.desc(), Post.id.desc()),
    )


# The data export


def posts_part(member: Member) -> ExportPart:
    threads = db.session.execute(
        select(Thread.id, Thread.title, Thread.language, Thread.created_at)
        .where(Thread.author_id == member.id)
        .order_by(Thread.id)
    )
    data = {
        "threads_started": [
            {"id": t.id, "title": t.title, "language": t.language, "created_at": iso(t.created_at)}
            for t in threads
        ],
        # Streamed: an active member's posts are written in chunks, never all in memory.
        "posts": _posts_of(member.id),
    }
    return ExportPart("posts", data)


def _posts_of(member_id: int) -> Iterator[dict]:
    """The member's posts with their earlier versions, by chunks of plain rows."""
    last_id = 0
    while True:
        posts = db.session.execute(
            select(Post.id, Post.thread_id, Post.position, Post.language, Post.body_source,
                   Post.created_at, Post.edited_at, Post.is_deleted)
            .where(Post.author_id == member_id, Post.id > last_id)
            .order_by(Post.id)
            .limit(POSTS_CHUNK)
        ).all()  # fmt: skip
        if not posts:
            return
        revisions = _revisions_of([p.id for p in posts])
        for p in posts:
            yield {
                "id": p.id,
                "thread_id": p.thread_id,
                "position": p.position,
                "language": p.language,
                "markdown": p.body_source,
                "created_at": iso(p.created_at),
                "edited_at": iso(p.edited_at),
                "is_deleted": p.is_deleted,
                "earlier_versions": revisions.get(p.id, []),
            }
        last_id = posts[-1].id


def _revisions_of(post_ids: list[int]) -> dict[int, list]:
    revisions: dict[int, list] = {}
    for r in db.session.execute(
        select(PostRevision.post_id, PostRevision.title, PostRevision.body_source,
               PostRevision.written_at)
        .where(PostRevision.post_id.in_(post_ids))
        .order_by(PostRevision.id)
    ):  # fmt: skip
        revisions.setdefault(r.post_id, []).append(
            {"title": r.title, "markdown": r.body_source, "written_at": iso(r.written_at)}
        )
    return revisions


def threads_read_part(member: Member) -> ExportPart:
    """A trace of reading: how far the member read each thread."""
    return ExportPart(
        "reading",
        {
            "threads_read": [
                {"thread_id": r.thread_id, "last_read_post_id": r.last_read_post_id,
                 "read_at": iso(r.read_at)}
                for r in db.session.scalars(
                    select(ThreadRead).where(ThreadRead.member_id == member.id)
                    .order_by(ThreadRead.thread_id)
                )
            ]
        },
    )  # fmt: skip


# Closing an account


def close_member(member: Member, *, delete_posts: bool) -> None:
    if delete_posts:
        delete_posts_of(member)


def delete_posts_of(member: Member) -> None:
    """Delete the member's posts as the thread service does (counters stay right), then
    erase their words and earlier versions: asked to delete, nothing of them remains."""
    posts = db.session.scalars(select(Post).where(Post.author_id == member.id)).all()
    for post in posts:
        services.delete_post(post, actor=member)
        post.body_source = ""
        post.body_html = ""
    if posts:
        db.session.execute(
            delete(PostRevision).where(PostRevision.post_id.in_([p.id for p in posts])),
            execution_options={"synchronize_session": False},
        )
    db.session.flush()
