"""Reacting to a post and taking the reaction back: they add and flush, never commit.

Two presses of the same reaction (one after the other or both at once) write one row:
the insert ignores a row that exists (cop.database.insert_ignore), and taking back
deletes whatever is there. Both are Core statements the ORM does not see, so they note
the changed content themselves (cop.contentversion.note_changed): the thread's pages
and the visitors' pages show the new counts at the next view.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete

from cop import signals
from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.reactions.models import KINDS, PostReaction
from cop.threads.models import Post

logger = logging.getLogger(__name__)


def add_reaction(post: Post, member: Member, kind: str) -> bool:
    """Add `member`'s reaction of `kind`; False if it was there already."""
    if kind not in KINDS:
        raise ValueError(kind)
    new_id = insert_ignore(
        PostReaction,
        ["post_id", "member_id", "kind"],
        post_id=post.id,
        thread_id=post.thread_id,
        member_id=member.id,
        kind=kind,
        created_at=utcnow(),
    )
    if new_id is None:
        return False
    note_changed(db.session, "threads", thread_scope(post.thread_id))
    logger.info("member %s reacted %s to post %s", member.id, kind, post.id)
    signals.post_reacted.send(post, member=member, kind=kind)
    return True


def remove_reaction(post: Post, member: Member, kind: str) -> bool:
    """Take back `member`'s reaction of `kind`; False if there was none."""
    if kind not in KINDS:
        raise ValueError(kind)
    result = db.session.execute(
        delete(PostReaction).where(
            PostReaction.post_id == post.id,
            PostReaction.member_id == member.id,
            PostReaction.kind == kind,
        )
    )
    if not result.rowcount:
        return False
    note_changed(db.session, "threads", thread_scope(post.thread_id))
    return True
