"""Keys of the discussions' cached fragments (cop.fragments): posts, thread rows and
table cards. Each key digests every value its template shows.

For posts, the permission checks run here once per post, in Python; the template only
reads the answers (a PostView).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cop import permissions
from cop.contentscopes import thread_scope
from cop.fragments import fragment_key, member_parts, region_key
from cop.templating import has_endpoint, time_ago
from cop.threads.models import Category, Post, Thread
from cop.threads.shown import reading_signature


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
    pictures: (
        bool  # "Remove a picture": its uploader's or a moderator's (cop/threads/picture_views.py)
    )
    created_ago: str
    cache_key: str | None  # None: render it every time (moderation states are rare)
    # In the reader's language (cop/threads/shown.py): the translation shown instead of
    # the post, or whether to offer it (the reader asked for this post as written), and
    # the page the post's links come back to.
    shown: Any = None
    offer: bool = False
    page_number: int = 1


def post_view(
    reader: Any,
    post: Post,
    thread: Thread,
    *,
    can_reply: bool,
    moderation: bool,
    reading: Any = None,
    page_number: int = 1,
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
        # Shown while the post shows a picture (cop/pictures: its images are /media/ ones).
        "pictures": readable
        and "/media/" in post.body_html
        and permissions.can_remove_post_pictures(reader, post),
    }
    created_ago = time_ago(post.created_at)
    shown, offer = reading.for_post(post) if reading is not None and readable else (None, False)
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
            *member_parts(author),
            author.country if author else "",
            *flags.values(),
            *shown_parts(shown),
            offer,
            page_number if shown or offer else 0,
        )
    return PostView(
        post=post,
        created_ago=created_ago,
        cache_key=key,
        shown=shown,
        offer=offer,
        page_number=page_number,
        **flags,
    )


def shown_parts(shown: Any) -> tuple:
    """What a fragment shows of a translation shown instead of an original
    (cop/translations/shown.py Shown): its words, who or what made it, whether the
    original was edited since."""
    if shown is None:
        return ("original",)
    return (
        shown.id,
        shown.version,
        shown.digest,  # title and body_html
        shown.language,
        shown.from_language,
        shown.is_machine,
        shown.provider,
        shown.outdated,
        shown.created_at.isoformat(),
        *member_parts(shown.translator),
    )


def post_views(
    reader: Any, posts: list[Post], thread: Thread, reading: Any = None, page_number: int = 1
) -> list[PostView]:
    # The member itself, not Flask-Login's proxy: each permission asks it several times.
    reader = getattr(reader, "_get_current_object", lambda: reader)()
    can_reply = permissions.can_reply(reader, thread)
    moderation = has_endpoint("moderation.queue")
    return [
        post_view(
            reader,
            post,
            thread,
            can_reply=can_reply,
            moderation=moderation,
            reading=reading,
            page_number=page_number,
        )
        for post in posts
    ]


# Lists (threads/_lists.html)


def thread_row_key(
    thread: Thread, unread: bool, show_category: bool, lang: str, shown: Any = None
) -> str:
    """`shown`: the title's translation shown instead of it (cop/threads/shown.py)."""
    category = thread.category
    return fragment_key(
        "thread-row",
        thread.id,
        thread.title,
        thread.language,
        thread.is_pinned,
        thread.is_locked,
        thread.is_hidden,
        thread.answer_post_id,  # "Answered" (cop/reactions), in a Q&A table
        category.is_qa,
        thread.reply_count,
        thread.last_post_at.isoformat() if thread.last_post_at else "",
        time_ago(thread.last_post_at),
        *member_parts(thread.author),
        *member_parts(thread.last_author),
        unread,
        show_category and (category.slug, category.name_in(lang), category.language_of(lang)),
        *shown_parts(shown),
    )


def category_card_key(category: Category, level: int, lang: str) -> str:
    return fragment_key(
        "table-card",
        category.id,
        category.slug,
        category.name_in(lang),
        category.description_in(lang),
        category.language_of(lang),
        category.thread_count,
        category.post_count,
        category.last_post_at.isoformat() if category.last_post_at else "",
        time_ago(category.last_post_at),
        category.is_archived,
        level,
    )


def thread_list_key(kind: str, reader: Any, marks: list, unread: set[int], *parts: Any) -> str:
    """A whole list of thread rows (and its pager): the threads it shows, which of them
    are new to the reader, and `parts` (filters, page), under the versions of the
    threads, the tables' names and the members (any thread's reply reorders lists)."""
    return region_key(
        kind,
        tuple(marks),
        tuple(sorted(unread)),
        permissions.is_moderator(reader),
        reading_signature(reader),  # titles in the reader's language
        *parts,
        scopes=("threads", "tables", "members"),
    )


def posts_region_key(reader: Any, thread: Thread, page: Any, reading: str = "") -> str:
    """A page of posts: which posts (and whose), which of them are the reader's, and what
    the reader may do (member, moderator, may write, may reply), under the versions of
    this thread (its posts) and of the members (authors' names and pictures). Each
    post's actions follow from these (cop.permissions)."""
    own = [
        post_id
        for post_id, author in page.items
        if permissions.is_member(reader) and author == reader.id
    ]
    return region_key(
        "posts",
        thread.id,
        page.number,
        tuple(page.items),
        tuple(own),
        permissions.is_member(reader),
        permissions.is_moderator(reader),
        permissions.can_write(reader),
        permissions.can_reply(reader, thread),
        reading,  # the reader's translations (cop/threads/shown.py: PageReading.key)
        scopes=(thread_scope(thread.id), "members"),
    )


def thread_head_key(reader: Any, thread: Thread, reading: str = "") -> str:
    """The thread's heading, table, resource and marks, with Report or Moderate: under
    the versions of the thread, the tables' names and the resources, and whether the
    reader may report it (not their own) or moderate it."""
    own = permissions.is_member(reader) and thread.author_id == reader.id
    return region_key(
        "thread-head",
        thread.id,
        own,
        permissions.can_report(reader),
        permissions.can_moderate(reader),
        permissions.is_moderator(reader),
        reading,
        scopes=(thread_scope(thread.id), "tables", "resources"),
    )
