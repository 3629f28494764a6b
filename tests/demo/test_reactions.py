"""The demo's Q&A table, answers and reactions (cop/demo/reactions.py)."""

from __future__ import annotations

from sqlalchemy import func, select

from cop import demo
from cop.reactions.models import PostReaction
from cop.threads.models import Category, Thread


def test_the_demo_has_an_answered_qa_table_with_reactions_and_seeds_them_once(app, db):
    demo.seed()
    db.session.commit()
    table = db.session.scalar(select(Category).where(Category.slug == "co-production"))
    assert table.is_qa
    answered = db.session.scalar(
        select(func.count(Thread.id)).where(
            Thread.category_id == table.id, Thread.answer_post_id.is_not(None)
        )
    )
    reactions = db.session.scalar(select(func.count(PostReaction.id)))
    assert answered >= 1 and reactions >= 3
    from cop.demo.reactions import seed_reactions

    assert seed_reactions() == 0
    db.session.commit()
    assert db.session.scalar(select(func.count(PostReaction.id))) == reactions
