"""Who hears about what: watchers, mentions, quotes, tables, moderation, visibility."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop import signals
from cop.members.models import Member
from cop.notifications import fanout
from cop.notifications.models import Notification
from cop.threads import services as threads
from cop.watching import services as watches
from cop.watching.models import TargetType, Watch
from tests.notifications.conftest import notifications_of


def reply(thread, author, body="A thoughtful reply"):
    post = threads.reply_to_thread(author=author, thread=thread, body=body, language="en")
    return post


def test_members_watch_the_threads_they_start_and_reply_to(db, make_member, make_thread):
    starter, replier = make_member(), make_member()
    thread = make_thread(author=starter)
    reply(thread, replier)
    reply(thread, replier)
    db.session.commit()
    rows = db.session.execute(
        select(Watch.member_id).where(Watch.target_type == "thread", Watch.target_id == thread.id)
    ).all()
    assert sorted(r.member_id for r in rows) == sorted([starter.id, replier.id])


def test_a_reply_notifies_the_threads_watchers_but_not_its_author(db, make_member, make_thread):
    starter, replier = make_member(), make_member()
    thread = make_thread(author=starter)
    post = reply(thread, replier)
    db.session.commit()
    (notice,) = notifications_of(db, starter)
    assert notice.kind == "reply"
    assert notice.actor_id == replier.id
    assert (notice.target_type, notice.target_id) == ("post", post.id)
    assert notice.payload["thread_title"] == thread.title
    assert notifications_of(db, replier) == []


def test_a_mention_is_a_mention_even_for_a_watcher(db, make_member, make_thread):
    starter, replier = make_member(), make_member()
    thread = make_thread(author=starter)
    reply(thread, replier, f"What do you think, @{starter.handle}?")
    db.session.commit()
    assert [n.kind for n in notifications_of(db, starter)] == ["mention"]


def test_quoting_a_post_tells_its_author(db, make_member, make_thread):
    quoted_author, watcher_less, quoter = make_member(), make_member(), make_member()
    thread = make_thread(author=watcher_less)
    quoted = reply(thread, quoted_author, "Cooperatives need patient funding.")
    db.session.execute(Watch.__table__.delete().where(Watch.member_id == quoted_author.id))
    db.session.commit()
    body = (
        f"> @{quoted_author.handle} [escribió](/threads/posts/{quoted.id}):\n>\n"
        "> Cooperatives need patient funding.\n\nAgreed."
    )
    reply(thread, quoter, body)
    db.session.commit()
    assert [n.kind for n in notifications_of(db, quoted_author)] == ["quote"]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("> @ana [wrote](/threads/posts/12):\n>\n> text", [12]),
        ("> @ana [كتب](https://cop.example/threads/posts/7):", [7]),
        ("> A former member [a écrit](/threads/posts/3):\n> > nested", [3]),
        ("See [this post](/threads/posts/9) outside a quote", []),
        ("```\n> [x](/threads/posts/4)\n```", [4]),  # harmless: the author is only told
        ("> [x](/threads/posts/abc)", []),
    ],
)
def test_quoted_posts_are_found_by_their_link_in_any_language(source, expected):
    assert fanout.quoted_post_ids(source) == expected


def test_a_muted_thread_stays_silent_even_for_mentions(db, make_member, make_thread):
    starter, replier = make_member(), make_member()
    thread = make_thread(author=starter)
    watches.set_watch(starter, TargetType.THREAD, thread.id, "mute")
    db.session.commit()
    reply(thread, replier, f"@{starter.handle} hello")
    db.session.commit()
    assert notifications_of(db, starter) == []


def test_a_new_thread_in_a_watched_table_notifies_its_watchers(
    db, make_member, make_category, make_thread
):
    watcher, muted, author = make_member(), make_member(), make_member()
    table = make_category()
    watches.set_watch(watcher, TargetType.CATEGORY, table.id, "watch")
    watches.set_watch(muted, TargetType.CATEGORY, table.id, "mute")
    watches.set_watch(author, TargetType.CATEGORY, table.id, "watch")
    db.session.commit()
    thread = make_thread(author=author, category=table, title="Social economy in Tunisia")
    (notice,) = notifications_of(db, watcher)
    assert notice.kind == "new_thread"
    assert notice.payload["thread_id"] == thread.id
    assert notifications_of(db, muted) == []
    assert notifications_of(db, author) == []


def test_nobody_hears_about_a_reply_in_a_hidden_thread(db, make_member, make_thread):
    starter, replier = make_member(), make_member()
    thread = make_thread(author=starter)
    thread.is_hidden = True
    db.session.commit()
    reply(thread, replier, f"@{starter.handle}")
    db.session.commit()
    assert notifications_of(db, starter) == []


def test_content_awaiting_approval_notifies_once_when_approved(db, make_member, make_thread):
    starter, replier, moderator = make_member(), make_member(), make_member()
    thread = make_thread(author=starter)
    post = reply(thread, replier)
    db.session.execute(Notification.__table__.delete())
    post.is_pending = True
    fanout.on_post_created(post, mentioned=[])
    db.session.commit()
    assert notifications_of(db, starter) == []
    post.is_pending = False
    signals.content_approved.send(post, actor=moderator, reason="")
    signals.content_approved.send(post, actor=moderator, reason="")  # sent twice: told once
    db.session.commit()
    assert [n.kind for n in notifications_of(db, starter)] == ["reply"]


def test_hiding_a_post_tells_its_author_and_withdraws_its_notices(db, make_member, make_thread):
    starter, replier, moderator = make_member(), make_member(), make_member()
    thread = make_thread(author=starter)
    post = reply(thread, replier)
    db.session.commit()
    post.is_hidden = True
    signals.content_hidden.send(post, actor=moderator, reason="Off topic")
    db.session.commit()
    assert notifications_of(db, starter) == []
    (notice,) = notifications_of(db, replier)
    assert notice.kind == "moderation"
    assert notice.payload["action"] == "hidden"
    assert notice.payload["reason"] == "Off topic"


def test_moderators_acting_on_their_own_content_are_not_notified(db, make_member, make_thread):
    moderator = make_member()
    thread = make_thread(author=moderator)
    signals.content_rejected.send(thread, actor=moderator, reason="")
    db.session.commit()
    assert notifications_of(db, moderator) == []


@pytest.mark.parametrize(
    "signal, kwargs, action",
    [
        (signals.member_warned, {"message": "Please stay on topic."}, "warned"),
        (signals.member_suspended, {"until": None, "reason": "Spam"}, "suspended"),
        (signals.member_banned, {"reason": "Spam"}, "banned"),
    ],
)
def test_moderation_of_a_member_is_a_notification_to_them(db, make_member, signal, kwargs, action):
    member, moderator = make_member(), make_member()
    signal.send(member, actor=moderator, **kwargs)
    db.session.commit()
    (notice,) = notifications_of(db, member)
    assert (notice.kind, notice.payload["action"]) == ("moderation", action)


def test_a_rejected_thread_tells_its_author(db, make_member, make_thread):
    author, moderator = make_member(), make_member()
    thread = make_thread(author=author)
    signals.content_rejected.send(thread, actor=moderator, reason="Duplicate")
    db.session.commit()
    (notice,) = notifications_of(db, author)
    assert notice.payload["action"] == "rejected"
    assert notice.payload["what"] == "thread"


def test_an_edit_that_adds_a_mention_notifies_the_newly_mentioned_once(
    db, make_member, make_thread
):
    author, friend = make_member(), make_member()
    thread = make_thread(author=author)
    post = reply(thread, author, "First version")
    db.session.commit()
    threads.edit_post(post, editor=author, body=f"Second version, @{friend.handle}")
    threads.edit_post(post, editor=author, body=f"Third version, @{friend.handle}")
    db.session.commit()
    assert [n.kind for n in notifications_of(db, friend)] == ["mention"]


def _many_members(db, count: int, prefix: str) -> list[int]:
    members = [
        Member(
            display_name=f"Watcher {prefix}{i}",
            handle=f"watcher{prefix}{i}",
            email=f"watcher{prefix}{i}@example.org",
            password_hash="x",
            country="GR",
        )
        for i in range(count)
    ]
    db.session.add_all(members)
    db.session.flush()
    return [m.id for m in members]


def test_fan_out_to_200_watchers_runs_as_many_queries_as_to_one(
    db, make_member, make_thread, count_queries
):
    author = make_member()
    small, big = make_thread(), make_thread()
    for thread, ids in ((small, _many_members(db, 1, "a")), (big, _many_members(db, 200, "b"))):
        db.session.add_all(
            Watch(member_id=i, target_type="thread", target_id=thread.id) for i in ids
        )
    db.session.commit()
    counts = []
    for thread in (small, big):
        with count_queries() as statements:
            reply(thread, author)
            db.session.flush()
        counts.append(len(statements))
        db.session.commit()
    assert counts[0] == counts[1]
    # 1 + 200 watchers, and the two threads' starters (they watch what they start).
    assert len(db.session.scalars(select(Notification.id)).all()) == 203
