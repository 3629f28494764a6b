"""Private conversations for the benchmark (issue 15): the bench reader's list and one
long conversation, bulk-inserted like the rest of bench/build.py, counters included.

The bench reader (member 1) is in every conversation, with two or three others; a
third of them have messages the reader has not read. One conversation is long enough
to have several pages; its last page (the default) is the benchmarked one.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench.words import LANGUAGES, post_body, title
from cop.conversations.models import Conversation, ConversationParticipant, Message
from cop.models import utcnow
from cop.sanitize import POLICY_VERSION, render_markdown

READER_ID = 1


def build_conversations(rng: random.Random, size, member_ids: list[int], bulk) -> dict:
    """Insert the conversations; (id of the long one, its messages, how many in all)."""
    bodies = [
        (body, render_markdown(body))
        for body in (post_body(rng, rng.choice(LANGUAGES)) for _ in range(60))
    ]
    others = [m for m in member_ids if m != READER_ID]
    now = utcnow()
    conversations, participants, messages = [], [], []
    message_id = 0
    for conversation_id in range(1, size.conversations + 1):
        count = size.big_conversation_messages if conversation_id == 1 else rng.randint(1, 8)
        people = [READER_ID, *rng.sample(others, rng.randint(1, 3))]
        when = now - timedelta(days=rng.uniform(0, 300))
        first_id = message_id + 1
        for n in range(count):
            message_id += 1
            source, html = rng.choice(bodies)
            messages.append(
                {
                    "id": message_id,
                    "conversation_id": conversation_id,
                    "author_id": people[n % len(people)],
                    "body_source": source,
                    "body_html": html,
                    "policy_version": POLICY_VERSION,
                    "created_at": when + timedelta(minutes=n),
                }
            )
        last_at = when + timedelta(minutes=count - 1)
        conversations.append(
            {
                "id": conversation_id,
                "subject": title(rng, rng.choice(LANGUAGES))[:150],
                "started_by_id": people[0],
                "message_count": count,
                "last_message_id": message_id,
                "last_message_at": last_at,
                "created_at": when,
            }
        )
        unread = rng.random() < 1 / 3
        for member_id in people:
            read = first_id if unread and member_id == READER_ID else message_id
            participants.append(
                {
                    "conversation_id": conversation_id,
                    "member_id": member_id,
                    "last_read_message_id": read,
                    "joined_at": when,
                }
            )
    bulk(Conversation.__table__, conversations)
    bulk(ConversationParticipant.__table__, participants)
    bulk(Message.__table__, messages)
    return {
        "conversation_id": 1,
        "conversation_messages": size.big_conversation_messages,
        "conversations": size.conversations,
    }


def fix_sequences(db, text) -> None:
    """PostgreSQL: the id sequences past the ids given explicitly."""
    from sqlalchemy import func, select

    for model in (Conversation, Message):
        top = db.session.scalar(select(func.max(model.id)))
        if top:
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                {"t": model.__tablename__, "n": top},
            )
