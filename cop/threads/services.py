"""Discussion services: posting, editing, deleting and restoring posts; discussion tables.

They add and flush, the caller commits. No request in here. A post's body is rendered
by cop.threads.rendering, the read marks are kept by cop.threads.reading."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select, update

from cop import signals
from cop.database import set_flag_once
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.threads.approval import needs_approval
from cop.threads.models import (
    Category,
    CategoryTranslation,
    Post,
    PostRevision,
    Thread,
)
from cop.threads.reading import mark_thread_read
from cop.threads.rendering import render, store_mentions
from cop.versions import claim_version

logger = logging.getLogger(__name__)


def find_post_by_token(author: Member, client_token: str | None) -> Post | None:
    """The post this member already sent with this form token (a double submission)."""
    if not client_token:
        return None
    return db.session.scalar(
        select(Post).where(Post.author_id == author.id, Post.client_token == client_token)
    )


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
    members = render(post, body)
    db.session.add(post)
    db.session.flush()
    store_mentions(post, members, author)
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
    members = record_edit(
        post, editor=editor, body=body, title=new_title if title_changed else None
    )
    signals.post_edited.send(post, editor=editor, mentioned=members)
    logger.info("member %s edited post %s", editor.id, post.id)
    return True


def record_edit(post: Post, *, editor: Member, body: str, title: str | None = None) -> list[Member]:
    """Keep the post's words (and title) as a revision, store `body` (and the opening
    post's thread `title`) as written by `editor`, mark the post edited: what every
    change of a post's words does. The members the new words mention; the caller
    checked the version and sends its signal."""
    _keep_revision(post)
    members = render(post, body)
    if title is not None:
        post.thread.title = title
    post.edited_at = utcnow()
    post.edit_count = Post.edit_count + 1
    post.last_editor_id = editor.id
    db.session.flush()
    store_mentions(post, members, post.author)
    return members


def _keep_revision(post: Post) -> None:
    """The post's current words (and the thread's title, for the opening post) as a revision."""
    db.session.add(
        PostRevision(
            post_id=post.id,
            author_id=post.last_editor_id or post.author_id,
            title=post.thread.title if post.is_opening else None,
            body_source=post.body_source,
            body_html=post.body_html,
            policy_version=post.policy_version,
            written_at=post.edited_at or post.created_at,
        )
    )


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
    is_qa: bool | None = None,
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
    if is_qa is not None:  # a Q&A table (cop/reactions); None leaves it as it is
        category.is_qa = is_qa
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
