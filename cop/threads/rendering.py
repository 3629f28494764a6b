"""A post's body: Markdown to sanitized HTML, its @mentions found and stored, previews
of drafts, and the re-rendering of every post when the cleaning policy changes.
Like the services, these add and flush; the caller commits."""

from __future__ import annotations

from sqlalchemy import or_, select

from cop.database import dialect_insert
from cop.extensions import db
from cop.members.handles import handle_key, handle_like
from cop.members.models import Member
from cop.models import utcnow
from cop.sanitize import POLICY_VERSION, mentions, render_markdown
from cop.threads.models import Mention, Post, PostRevision

# A post naming more members than this is a list, not a conversation: the rest stay text.
MAX_MENTIONS = 50


def _mentioned_members(source: str) -> list[Member]:
    return _find_mentioned(mentions(source))


def _find_mentioned(written: dict[str, str]) -> list[Member]:
    """Members whose handle folds like a written one (see members.handles.handle_key)."""
    if not written:
        return []
    keys = list(written)[:MAX_MENTIONS]
    patterns = [Member.handle.like(handle_like(key), escape="\\") for key in keys]
    # An account being closed (cop.members.closing) is gone for everyone at once.
    found = db.session.scalars(select(Member).where(or_(*patterns), Member.closed_at.is_(None)))
    return [m for m in found if handle_key(m.handle) in keys]


def render(post: Post, source: str) -> list[Member]:
    """Store the post's source and HTML; the members it mentions (as linked in it)."""
    members = _mentioned_members(source)
    post.body_source = source
    post.body_html = render_markdown(source, known_handles=[m.handle for m in members])
    post.policy_version = POLICY_VERSION
    return members


def store_mentions(post: Post, members: list[Member], author: Member | None) -> None:
    """Add the post's mentions of `members` not stored yet (never its author's own)."""
    existing = set(db.session.scalars(select(Mention.member_id).where(Mention.post_id == post.id)))
    rows = [
        {"post_id": post.id, "member_id": member.id, "created_at": utcnow()}
        for member in members
        if member.id not in existing and (author is None or member.id != author.id)
    ]
    if rows:  # one statement; a concurrent save of the same post may have stored some
        db.session.execute(
            dialect_insert(Mention)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["post_id", "member_id"])
        )


def render_preview(source: str) -> str:
    """The HTML a post with this source would show (nothing is stored)."""
    return preview_post(source)[0]


def preview_post(source: str) -> tuple[str, list[str]]:
    """The HTML a post would show, and its @handles that match nobody (as written):
    those stay plain text, and the writer should hear why before publishing."""
    written = mentions(source)
    members = _find_mentioned(written)
    found = {handle_key(m.handle) for m in members}
    unmatched = [handle for key, handle in written.items() if key not in found]
    return render_markdown(source, known_handles=[m.handle for m in members]), unmatched


def rerender_all(batch_size: int = 500) -> int:
    """Render every stored post and revision again with the current policy."""
    count = 0
    last_id = 0
    while True:
        posts = list(
            db.session.scalars(
                select(Post).where(Post.id > last_id).order_by(Post.id).limit(batch_size)
            )
        )
        if not posts:
            break
        for post in posts:
            members = render(post, post.body_source)
            store_mentions(post, members, post.author)
            count += 1
        last_id = posts[-1].id
        db.session.flush()
    for revision in db.session.scalars(select(PostRevision)):
        revision.body_html = render_preview(revision.body_source)
        revision.policy_version = POLICY_VERSION
    db.session.flush()
    return count
