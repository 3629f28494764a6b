"""Discussion services: they add and flush, the caller commits. No request in here."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update

from cop import signals
from cop.database import dialect_insert, set_flag_once, upsert
from cop.extensions import db
from cop.members.handles import handle_key, handle_like
from cop.members.models import Member
from cop.models import utcnow
from cop.sanitize import POLICY_VERSION, mentions, render_markdown
from cop.threads.approval import needs_approval
from cop.threads.models import (
    Category,
    CategoryTranslation,
    Mention,
    Post,
    PostRevision,
    Thread,
    ThreadRead,
)
from cop.versions import claim_version

logger = logging.getLogger(__name__)


def find_post_by_token(author: Member, client_token: str | None) -> Post | None:
    """The post this member already sent with this form token (a double submission)."""
    if not client_token:
        return None
    return db.session.scalar(
        select(Post).where(Post.author_id == author.id, Post.client_token == client_token)
    )


# Rendering and mentions


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


def _render(post: Post, source: str) -> list[Member]:
    members = _mentioned_members(source)
    post.body_source = source
    post.body_html = render_markdown(source, known_handles=[m.handle for m in members])
    post.policy_version = POLICY_VERSION
    return members


def _store_mentions(post: Post, members: list[Member], author: Member | None) -> None:
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


# Writing


def _add_post(
    *, thread: Thread, author: Member, body: str, language: str, token: str | None
) -> tuple[Post, list[Member]]:
    """The new post, and the members it mentions (its author left out)."""
    pending = needs_approval(author, body)
    # The counter is bumped in SQL, so two replies at once get different positions.
    db.session.execute(
        update(Thread).where(Thread.id == thread.id).values(post_total=Thread.post_total + 1)
    )
    position = db.session.scalar(select(Thread.post_total).where(Thread.id == thread.id))
    post = Post(thread=thread, author=author, language=language, position=position)
    post.client_token = token
    post.is_pending = pending
    members = _render(post, body)
    db.session.add(post)
    db.session.flush()
    _store_mentions(post, members, author)
    return post, [m for m in members if m.id != author.id]


def start_thread(
    *,
    author: Member,
    category: Category,
    title: str,
    body: str,
    language: str,
    client_token: str | None = None,
) -> Thread:
    """A new thread with its opening post, mentions stored and marked read by its author."""
    now = utcnow()
    thread = Thread(
        category=category,
        author=author,
        title=title.strip(),
        language=language,
        created_at=now,
        last_post_at=now,
        last_author=author,
        post_total=0,
        reply_count=0,
    )
    db.session.add(thread)
    db.session.flush()
    post, mentioned = _add_post(
        thread=thread, author=author, body=body, language=language, token=client_token
    )
    db.session.refresh(thread, ["post_total"])
    thread.is_pending = post.is_pending
    thread.last_post_id = post.id
    category.thread_count = Category.thread_count + 1
    category.post_count = Category.post_count + 1
    category.last_post_at = now
    mark_thread_read(author, thread, post.id)
    db.session.flush()
    signals.thread_started.send(thread, post=post, mentioned=mentioned)
    logger.info("member %s started thread %s", author.id, thread.id)
    return thread


def reply_to_thread(
    *,
    author: Member,
    thread: Thread,
    body: str,
    language: str,
    client_token: str | None = None,
) -> Post:
    """A reply at the end of the thread; the thread's and table's counters follow."""
    post, mentioned = _add_post(
        thread=thread, author=author, body=body, language=language, token=client_token
    )
    db.session.refresh(thread, ["post_total"])
    thread.reply_count = Thread.reply_count + 1
    thread.last_post_id = post.id
    thread.last_post_at = post.created_at
    thread.last_author = author
    category = thread.category
    category.post_count = Category.post_count + 1
    category.last_post_at = post.created_at
    mark_thread_read(author, thread, post.id)
    db.session.flush()
    if post.is_pending:  # others see the thread's activity once it is approved
        refresh_last_post(thread)
    signals.post_created.send(post, mentioned=mentioned)
    logger.info("member %s replied in thread %s (post %s)", author.id, thread.id, post.id)
    return post


def edit_post(
    post: Post,
    *,
    editor: Member,
    body: str,
    title: str | None = None,
    language: str | None = None,
    version: int | None = None,
) -> bool:
    """Keep the current version as a revision and store the new one; False if unchanged.

    `title` applies to the opening post only (it is the thread's title); `language`
    corrects the language the post is marked as written in. `version` is the post's
    version the edit form was shown with: StaleEdit (nothing written) if another save
    came in since, so no edit overwrites one it never saw and every one leaves a revision.
    """
    claim_version(post, post.version if version is None else version)
    thread = post.thread
    new_title = title.strip() if title is not None and post.is_opening else None
    title_changed = new_title is not None and new_title != thread.title
    if title_changed:
        claim_version(thread, thread.version)
    if language and language != post.language:
        post.language = language
        if post.is_opening:
            thread.language = language
    if body == post.body_source and not title_changed:
        db.session.flush()
        return False
    db.session.add(
        PostRevision(
            post_id=post.id,
            author_id=post.last_editor_id or post.author_id,
            title=thread.title if post.is_opening else None,
            body_source=post.body_source,
            body_html=post.body_html,
            policy_version=post.policy_version,
            written_at=post.edited_at or post.created_at,
        )
    )
    members = _render(post, body)
    if title_changed:
        thread.title = new_title
    post.edited_at = utcnow()
    post.edit_count = Post.edit_count + 1
    post.last_editor_id = editor.id
    db.session.flush()
    _store_mentions(post, members, post.author)
    signals.post_edited.send(post, editor=editor, mentioned=members)
    logger.info("member %s edited post %s", editor.id, post.id)
    return True


def delete_post(post: Post, *, actor: Member) -> bool:
    """Soft delete: the words stay for moderators, a trace stays in the thread."""
    if post.is_deleted or not set_flag_once(post, "is_deleted", True):
        return False
    post.deleted_at = utcnow()
    post.deleted_by = actor
    _count_change(post, -1)
    signals.post_deleted.send(post, actor=actor)
    logger.info("member %s deleted post %s", actor.id, post.id)
    return True


def restore_post(post: Post, *, actor: Member) -> bool:
    if not post.is_deleted or not set_flag_once(post, "is_deleted", False):
        return False
    post.deleted_at = None
    post.deleted_by = None
    _count_change(post, +1)
    signals.post_restored.send(post, actor=actor)
    logger.info("member %s restored post %s", actor.id, post.id)
    return True


def _count_change(post: Post, delta: int) -> None:
    thread = post.thread
    if not post.is_opening:
        thread.reply_count = Thread.reply_count + delta
    thread.category.post_count = Category.post_count + delta
    db.session.flush()
    refresh_last_post(thread)


def refresh_last_post(thread: Thread) -> None:
    """Point the thread's last-activity columns at its newest visible post."""
    last = db.session.scalar(
        select(Post)
        .where(
            Post.thread_id == thread.id,
            Post.is_deleted.is_(False),
            Post.is_hidden.is_(False),
            Post.is_pending.is_(False),
        )
        .order_by(Post.position.desc())
        .limit(1)
    )
    if last is not None:
        thread.last_post_id = last.id
        thread.last_post_at = last.created_at
        thread.last_author_id = last.author_id
    db.session.flush()


# Reading


def mark_thread_read(member: Member, thread: Thread, post_id: int) -> None:
    """Remember that `member` has read `thread` up to `post_id` (never moves backwards)."""
    # Read on every view of a thread, written only when it moves: a plain select first
    # (through the connection, a third of the ORM's cost).
    db.session.flush()
    mine = (ThreadRead.member_id == member.id) & (ThreadRead.thread_id == thread.id)
    last = db.session.connection().scalar(select(ThreadRead.last_read_post_id).where(mine))
    if last is None:
        # The same member in two tabs: the other tab's mark may have gone in meanwhile.
        upsert(
            ThreadRead,
            ["member_id", "thread_id"],
            {
                "member_id": member.id,
                "thread_id": thread.id,
                "last_read_post_id": post_id,
                "read_at": utcnow(),
            },
            {"last_read_post_id": post_id, "read_at": utcnow()},
            where=lambda _new: ThreadRead.last_read_post_id < post_id,
        )
    elif post_id > last:
        db.session.execute(
            update(ThreadRead).where(mine).values(last_read_post_id=post_id, read_at=utcnow())
        )


# Discussion tables


@dataclass(frozen=True)
class CategoryText:
    locale: str
    name: str
    description: str


def save_category(
    category: Category | None,
    *,
    slug: str,
    position: int,
    original_locale: str,
    is_archived: bool,
    texts: list[CategoryText],
    version: int | None = None,
) -> Category:
    """Create or update a table and its names; a language left empty loses its name."""
    if category is None:
        category = Category()
        db.session.add(category)
    else:  # an edit: StaleEdit if the table was saved since `version` was shown
        claim_version(category, category.version if version is None else version)
    category.slug = slug
    category.position = position
    category.original_locale = original_locale
    category.is_archived = is_archived
    by_locale = {t.locale: t for t in category.translations}
    for text in texts:
        current = by_locale.get(text.locale)
        if not text.name.strip():
            if current is not None:
                category.translations.remove(current)
            continue
        if current is None:
            current = CategoryTranslation(locale=text.locale)
            category.translations.append(current)
        current.name = text.name.strip()
        current.description = text.description.strip()
    db.session.flush()
    return category


def slug_taken(slug: str, *, except_id: int | None = None) -> bool:
    query = select(func.count()).select_from(Category).where(Category.slug == slug)
    if except_id is not None:
        query = query.where(Category.id != except_id)
    return bool(db.session.scalar(query))


# Maintenance


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
            members = _render(post, post.body_source)
            _store_mentions(post, members, post.author)
            count += 1
        last_id = posts[-1].id
        db.session.flush()
    for revision in db.session.scalars(select(PostRevision)):
        revision.body_html = render_preview(revision.body_source)
        revision.policy_version = POLICY_VERSION
    db.session.flush()
    return count
