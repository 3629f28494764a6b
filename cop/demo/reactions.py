"""Demo reactions and answers: the co-production table takes questions and answers, its
question on home-care contracts has its first reply marked as the answer, and a few
members thank and agree with replies. Idempotent: a reaction is written once
(insert_ignore) and an answer only where none is marked."""

from __future__ import annotations

from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member
from cop.threads.models import Category, Post, Thread

QA_TABLE = "co-production"
# (reactor's email, reaction) on the first reply of every thread of the Q&A table.
REACTIONS = (
    ("carlos@example.org", "thanks"),
    ("maria@example.org", "helpful"),
    ("sarah@example.org", "agree"),
    ("omar@example.org", "helpful"),
)


def seed_reactions() -> int:
    from cop.reactions import answers, services

    table = db.session.scalar(select(Category).where(Category.slug == QA_TABLE))
    if table is None:
        return 0
    table.is_qa = True
    created = 0
    threads = db.session.scalars(select(Thread).where(Thread.category_id == table.id)).all()
    for thread in threads:
        reply = db.session.scalar(
            select(Post).where(Post.thread_id == thread.id, Post.position == 2)
        )
        if reply is None:
            continue
        if thread.answer_post_id is None and thread.author is not None:
            answers.mark_answer(thread, reply, actor=thread.author)
            created += 1
        for email, kind in REACTIONS:
            member = db.session.scalar(select(Member).where(Member.email == email))
            if member is not None and member.id != reply.author_id:
                created += int(services.add_reaction(reply, member, kind))
    db.session.flush()
    return created
