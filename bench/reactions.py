"""Reactions and answers for the benchmark's community (cop/reactions): the busiest
table is a Q&A table whose answered threads show "Answered", and posts carry reactions
(every post of the big thread, a tenth of the others), so the measured pages show them."""

from __future__ import annotations

import random

from sqlalchemy import select, update

from cop.extensions import db
from cop.threads.models import Category, Post, Thread

KINDS = ("thanks", "helpful", "agree")


def add_reactions_and_answers(rng: random.Random, member_ids: list[int], bulk) -> int:
    """Mark the Q&A table and its answers, add the reactions; the reactions' count."""
    if "post_reactions" not in db.metadata.tables:
        return 0
    from cop.reactions.models import PostReaction

    db.session.execute(update(Category).where(Category.id == 1).values(is_qa=True))
    replies = db.session.execute(
        select(Thread.id, Thread.last_post_id).where(
            Thread.category_id == 1, Thread.reply_count > 0
        )
    ).all()
    for thread_id, post_id in replies[::2]:  # half of them answered
        db.session.execute(
            update(Thread).where(Thread.id == thread_id).values(answer_post_id=post_id)
        )
    rows, seen = [], set()
    posts = db.session.execute(select(Post.id, Post.thread_id, Post.author_id)).all()
    for post_id, thread_id, author_id in posts:
        if thread_id != 1 and rng.random() > 0.1:
            continue
        for _ in range(rng.randint(1, 5)):
            member_id, kind = rng.choice(member_ids), rng.choice(KINDS)
            if member_id == author_id or (post_id, member_id, kind) in seen:
                continue
            seen.add((post_id, member_id, kind))
            rows.append(
                {"post_id": post_id, "thread_id": thread_id, "member_id": member_id, "kind": kind}
            )
    bulk(PostReaction.__table__, rows)
    return len(rows)
