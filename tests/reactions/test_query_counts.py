"""A thread page with reactions and a marked answer runs a fixed number of queries,
however many reactions its posts have (no query per post or per reaction)."""

from __future__ import annotations

import pytest

from cop.extensions import cache
from cop.reactions import answers, services
from cop.threads import services as thread_services
from tests.reactions.conftest import posts_of


def _count(client, db, count_queries, path: str) -> int:
    first = client.get(path)
    assert first.status_code == 200
    cache.clear()  # counted as rendered: no fragment or region from the cache
    with count_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    db.session.expire_all()
    return len(statements)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_a_thread_page_with_reactions_runs_the_same_queries_on_small_and_large_data(
    app, db, client, login, make_member, count_queries, qa_thread, no_page_cache, signed_in
):
    for n in range(18):
        thread_services.reply_to_thread(
            author=qa_thread.replier, thread=qa_thread, body=f"Reply {n}", language="en"
        )
    db.session.commit()
    posts = posts_of(qa_thread)
    reader = make_member(display_name="Reader")
    answers.mark_answer(qa_thread, posts[1], actor=qa_thread.author)
    services.add_reaction(posts[1], reader, "thanks")
    db.session.commit()
    if signed_in:
        login(reader)
    path = f"/threads/{qa_thread.id}?page=1"
    small = _count(client, db, count_queries, path)

    crowd = [make_member() for _ in range(6)]
    for member in crowd:
        for post in posts:
            for kind in ("thanks", "helpful", "agree"):
                services.add_reaction(post, member, kind)
    for post in posts[2:8]:
        services.add_reaction(post, reader, "agree")
    db.session.commit()
    large = _count(client, db, count_queries, path)

    assert large == small
