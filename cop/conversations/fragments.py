"""Keys of the conversations' cached fragments (cop.fragments): a message, a row of the
list of conversations. Each key digests every value its template shows.

A conversation is private. Its fragments are included only by a page that has checked
the reader may read it (its members' page, the report form of one of its messages, a
moderator's reading through an open report), after that check; no address serves a
fragment, and each key holds the message's or the conversation's id, so no other page
ever asks for it. The conversation pages are never kept for visitors (they sign in
first: cop.pagecache never sees them).

What is the reader's own stays a flag in the key, never a value in the fragment: a
message new to them, the Report link (not on their own messages), the reported message
a moderator reads; a row's count of their unread messages. Two readers with the same
flags share the entry; the page around the fragments (the "new" separators are marks
inside them) is rendered for each reader.

The conversations' tables are quiet (cop.contentversion: no version moves with them),
so nothing here is a region keyed by versions: each key holds the shown values
themselves, and a changed message, a renamed author or a new message makes a new key
at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask_login import current_user

from cop.fragments import fragment_key, member_parts, minute
from cop.templating import time_ago


def _digest(html: str) -> str:
    return hashlib.blake2b(html.encode(), digest_size=16).hexdigest()


def _message_parts(message: Any) -> tuple:
    return (
        message.id,
        message.created_at.isoformat(),
        message.policy_version,
        _digest(message.body_html),
        *member_parts(message.author),
    )


def message_key(
    message: Any, new: bool, reportable: bool, highlighted: bool, removable: bool = False
) -> str:
    """A message as conversations/_messages.html shows it: its author (name, handle,
    picture), when it was written (the date and the relative time the reader reads),
    its sanitized body (by digest, with the sanitizer's policy version it was written
    under: an edited or re-rendered body is a new key) and the reader's flags (its
    "Remove a picture" link: `removable`)."""
    return fragment_key(
        "conversation-message",
        *_message_parts(message),
        time_ago(message.created_at),
        new,
        reportable,
        highlighted,
        removable,
    )


def message_list_key(messages: list, last_read: Any, report_links: bool, highlight: Any) -> str:
    """The whole list, a region around the messages' fragments, for one minute (its
    relative times): every message's parts and author, what decides the reader's flags
    (how far they had read, who they are when they may report, the reported message).
    A hit skips every message's own key; a miss finds most messages in the cache."""
    reader = current_user.id if report_links else None
    return fragment_key(
        "conversation-messages",
        minute(),
        last_read,
        reader,
        highlight,
        tuple((*_message_parts(message), message.author_id) for message in messages),
    )


def name_parts(member: Any) -> tuple:
    """What a row shows of another member: their name and profile link."""
    if member is None:
        return ("former member",)
    return (member.id, member.handle, member.display_name)


def _row_parts(row: Any) -> tuple:
    conversation = row.conversation
    last = conversation.last_message_at
    return (
        conversation.id,
        conversation.subject,
        conversation.message_count,
        last.isoformat() if last else "",
        row.unread,
        tuple(name_parts(member) for member in row.others),
    )


def conversation_row_key(row: Any) -> str:
    """A row of the list: the conversation's subject, its count of messages, when the
    last one came (and how long ago, as the reader reads it), the other members still
    in it, and how many messages are unread for this reader (a number, in the key)."""
    return fragment_key(
        "conversation-row", *_row_parts(row), time_ago(row.conversation.last_message_at)
    )


def conversation_list_key(page: Any) -> str:
    """The page of rows and its pager, a region around the rows' fragments, for one
    minute (the relative times): every row's parts, the page's number and count."""
    return fragment_key(
        "conversation-list",
        minute(),
        page.number,
        page.pages,
        tuple(_row_parts(row) for row in page.items),
    )
