"""Translations for the benchmark's community (cop/translations): every post of the big
thread, and its title, translated into another language than its own (French, or
Spanish for a French thread: a member's, one in five a machine's), and a member who
reads that language only, so the measured thread page shows every post of it in
translation ("reading in my languages").

The benchmark's own member reads in English: their pages stay as they were."""

from __future__ import annotations

import random

from sqlalchemy import delete, select, update

from bench.words import post_body, title
from cop.extensions import db
from cop.members.models import Member, MemberLanguage
from cop.sanitize import POLICY_VERSION, render_markdown
from cop.threads.models import Post, Thread

READER_ID = 7  # a plain member (1 is the benchmark's moderator, 2 to 6 staff)
READER_EMAIL = f"member{READER_ID}@example.org"
LANGUAGES = ("fr", "es")  # never English, the benchmark member's interface language


def target_language(thread_language: str) -> str:
    return next(code for code in LANGUAGES if code != thread_language)


def add_translations(rng: random.Random, thread_id: int, member_ids: list[int], bulk) -> int:
    """The big thread's translations and their reader; how many."""
    if "content_translations" not in db.metadata.tables:
        return 0
    from cop.translations.models import ContentTranslation
    from cop.translations.sources import digest_of

    thread = db.session.get(Thread, thread_id)
    language = target_language(thread.language)
    db.session.execute(update(Member).where(Member.id == READER_ID).values(locale=language))
    db.session.execute(delete(MemberLanguage).where(MemberLanguage.member_id == READER_ID))
    bulk(MemberLanguage.__table__, [{"member_id": READER_ID, "code": language}])
    # A few dozen distinct bodies, each rendered once (as the build does for posts).
    bodies = [post_body(rng, language) for _ in range(40)]
    rendered = [(body, render_markdown(body)) for body in bodies]
    rows = []
    posts = db.session.execute(
        select(Post.id, Post.body_source, Post.language).where(Post.thread_id == thread_id)
    ).all()
    for n, (post_id, source, written_in) in enumerate(posts):
        if written_in == language:
            continue
        body, html = rendered[n % len(rendered)]
        machine = n % 5 == 0
        rows.append(
            {
                "kind": "post",
                "object_id": post_id,
                "language": language,
                "origin": "machine" if machine else "member",
                "provider": "LibreTranslate" if machine else None,
                "title": None,
                "body_source": body,
                "body_html": html,
                "policy_version": POLICY_VERSION,
                "source_digest": digest_of(None, source),
                "translator_id": None if machine else rng.choice(member_ids),
            }
        )
    if thread.language != language:
        rows.append(
            {
                "kind": "thread",
                "object_id": thread_id,
                "language": language,
                "origin": "member",
                "provider": None,
                "title": title(rng, language)[:300],
                "body_source": "",
                "body_html": "",
                "policy_version": POLICY_VERSION,
                "source_digest": digest_of(thread.title, ""),
                "translator_id": rng.choice(member_ids),
            }
        )
    bulk(ContentTranslation.__table__, rows)
    return len(rows)
