"""How far each member has read each thread: the marks that make threads and posts
unread (cop.threads.queries reads them). Adds and flushes; the caller commits."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from cop.database import upsert
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.threads.models import Thread, ThreadRead

# Built once: read on every view of a thread (building a statement costs more than
# running it).
_READ_MARK = select(ThreadRead.last_read_post_id).where(
    ThreadRead.member_id == bindparam("member_id"), ThreadRead.thread_id == bindparam("thread_id")
)


def mark_thread_read(member: Member, thread: Thread, post_id: int) -> bool:
    """Remember that `member` has read `thread` up to `post_id` (never moves backwards);
    True when the mark moved (the caller commits: a reader who read it all writes nothing)."""
    # Read on every view of a thread, written only when it moves: a plain select first
    # (through the connection, a third of the ORM's cost).
    db.session.flush()
    last = db.session.connection().scalar(
        _READ_MARK, {"member_id": member.id, "thread_id": thread.id}
    )
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
        return True
    if post_id > last:
        db.session.execute(
            update(ThreadRead)
            .where(ThreadRead.member_id == member.id, ThreadRead.thread_id == thread.id)
            .values(last_read_post_id=post_id, read_at=utcnow())
        )
        return True
    return False
