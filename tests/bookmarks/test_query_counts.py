"""The bookmarks and drafts pages run a fixed number of queries, whatever their length."""

from __future__ import annotations

from cop.bookmarks import services as bookmarks
from cop.drafts import places
from cop.drafts import services as drafts


def _queries(client, count_queries, path: str) -> int:
    with count_queries() as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _grow(db, member, make_thread, make_resource, make_event, make_category, n: int) -> None:
    for i in range(n):
        thread = make_thread(replies=1, is_hidden=(i % 3 == 0))
        bookmarks.add_bookmark(member, "thread", thread.id)
        bookmarks.add_bookmark(member, "post", thread.last_post_id)
        bookmarks.add_bookmark(member, "resource", make_resource().id)
        bookmarks.add_bookmark(member, "event", make_event().id)
        text = drafts.DraftText(title="A title", body=f"Draft {i}")
        drafts.save_draft(member, places.kind_of("reply"), thread.id, text)
        drafts.save_draft(member, places.kind_of("thread"), make_category().id, text)
    db.session.commit()


def test_the_bookmarks_and_drafts_pages_cost_the_same_for_few_or_many(
    client, db, login, make_member, make_thread, make_resource, make_event, make_category,
    count_queries,
):  # fmt: skip
    member = make_member()
    login(member)
    things = (make_thread, make_resource, make_event, make_category)
    _grow(db, member, *things[:1], *things[1:3], make_category, 2)
    client.get("/bookmarks/")  # the first request of a session loads what stays
    small = {p: _queries(client, count_queries, p) for p in ("/bookmarks/", "/drafts/")}
    _grow(db, member, *things[:1], *things[1:3], make_category, 8)
    large = {p: _queries(client, count_queries, p) for p in ("/bookmarks/", "/drafts/")}
    assert small == large
    assert large["/bookmarks/"] <= 14 and large["/drafts/"] <= 12, large
