"""Reactions and answers through the pages: who may press what, what each reader sees."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.extensions import cache
from cop.reactions import answers, services
from cop.reactions.models import PostReaction
from cop.threads.models import Thread
from tests.conftest import PASSWORD
from tests.reactions.conftest import posts_of

ROLES = ["anonymous", "member", "author", "moderator", "admin", "suspended"]


def _who(role, qa_thread, people, *, author):
    if role == "anonymous":
        return None
    if role == "author":
        return author
    return people()[role]


def _rows(db) -> int:
    return db.session.scalar(select(func.count(PostReaction.id)))


# The permission matrix: react, take back, mark, unmark


REACT_STATUS = {"member": 302, "moderator": 302, "admin": 302, "author": 403, "suspended": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_react_and_take_back(client, login, db, qa_thread, people, role):
    _, reply, _ = posts_of(qa_thread)
    member = _who(role, qa_thread, people, author=qa_thread.replier)
    if member is not None:
        login(member)
    url = f"/reactions/posts/{reply.id}/react"
    pressed = client.post(url, data={"kind": "thanks", "on": "1"})
    if member is None:
        assert pressed.status_code == 302 and "/auth/sign-in" in pressed.location
        assert _rows(db) == 0
        return
    assert pressed.status_code == REACT_STATUS[role]
    assert _rows(db) == (1 if REACT_STATUS[role] == 302 else 0)
    if pressed.status_code == 302:
        assert pressed.location.endswith(f"#post-{reply.id}")
    taken_back = client.post(url, data={"kind": "thanks", "on": "0"})
    assert taken_back.status_code == REACT_STATUS[role]
    assert _rows(db) == 0


def test_the_pages_buttons_say_kind_and_direction_in_one_value(
    client, login, db, qa_thread, people
):
    """A thread page has one reaction form per post: each button sends `reaction=kind:on`."""
    _, reply, _ = posts_of(qa_thread)
    login(people()["member"])
    page = client.get(f"/threads/{qa_thread.id}?page=1").get_data(as_text=True)
    assert 'name="reaction" value="thanks:1"' in page
    url = f"/reactions/posts/{reply.id}/react"
    assert client.post(url, data={"reaction": "helpful:1"}).status_code == 302
    assert _rows(db) == 1
    page = client.get(f"/threads/{qa_thread.id}?page=1").get_data(as_text=True)
    assert 'name="reaction" value="helpful:0"' in page  # pressed: the button takes it back
    assert client.post(url, data={"reaction": "helpful:0"}).status_code == 302
    assert _rows(db) == 0
    for bad in ("helpful", "helpful:2", "love:1", ":1", "helpful:1:1"):
        assert client.post(url, data={"reaction": bad}).status_code == 400
    assert _rows(db) == 0


def test_reacting_is_rate_limited_per_member(app, client, login, db, qa_thread, people):
    _, reply, _ = posts_of(qa_thread)
    login(people()["member"])
    url = f"/reactions/posts/{reply.id}/react"
    app.config["RATELIMIT_REACTION"] = "3 per minute"
    try:
        statuses = [
            client.post(url, data={"kind": "thanks", "on": str(i % 2)}).status_code
            for i in range(1, 5)
        ]
    finally:
        app.config["RATELIMIT_REACTION"] = "1000 per minute"
    assert statuses == [302, 302, 302, 429]
    assert _rows(db) == 1  # the refused press (taking back) changed nothing


MARK_STATUS = {"member": 403, "moderator": 302, "admin": 302, "author": 302, "suspended": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_mark_and_unmark_the_answer(client, login, db, qa_thread, people, role):
    _, reply, _ = posts_of(qa_thread)
    member = _who(role, qa_thread, people, author=qa_thread.author)
    if member is not None:
        login(member)
    marked = client.post(f"/reactions/threads/{qa_thread.id}/answer", data={"post_id": reply.id})
    db.session.expire_all()
    if member is None:
        assert marked.status_code == 302 and "/auth/sign-in" in marked.location
        assert db.session.get(Thread, qa_thread.id).answer_post_id is None
        return
    assert marked.status_code == MARK_STATUS[role]
    allowed = MARK_STATUS[role] == 302
    assert db.session.get(Thread, qa_thread.id).answer_post_id == (reply.id if allowed else None)
    if not allowed:  # someone else marked it: they still may not unmark it
        answers.mark_answer(qa_thread, reply, actor=qa_thread.author)
        db.session.commit()
    unmarked = client.post(f"/reactions/threads/{qa_thread.id}/answer/remove")
    assert unmarked.status_code == MARK_STATUS[role]
    db.session.expire_all()
    assert db.session.get(Thread, qa_thread.id).answer_post_id == (None if allowed else reply.id)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "love", "on": "1"},
        {"kind": "thanks", "on": "yes"},
        {},
        {"kind": "thanks\x00", "on": "1"},
    ],
)
def test_a_forged_reaction_is_a_bad_request(client, login, qa_thread, make_member, db, data):
    _, reply, _ = posts_of(qa_thread)
    login(make_member())
    assert client.post(f"/reactions/posts/{reply.id}/react", data=data).status_code == 400
    assert _rows(db) == 0


def test_the_question_or_a_post_of_another_thread_cannot_be_the_answer(
    client, login, qa_thread, make_thread, db
):
    opening, _, _ = posts_of(qa_thread)
    elsewhere = posts_of(make_thread(replies=1))[1]
    login(qa_thread.author)
    for post_id in (opening.id, elsewhere.id, "x", 10**12):
        answer = client.post(f"/reactions/threads/{qa_thread.id}/answer", data={"post_id": post_id})
        assert answer.status_code == 404
    assert qa_thread.answer_post_id is None


def test_hidden_posts_cannot_be_reacted_to(client, login, db, qa_thread, people, make_member):
    from cop.moderation import content_actions

    _, reply, _ = posts_of(qa_thread)
    content_actions.hide_content(reply, moderator=people()["moderator"], reason="spam")
    db.session.commit()
    login(make_member())
    response = client.post(f"/reactions/posts/{reply.id}/react", data={"kind": "thanks", "on": "1"})
    assert response.status_code in (403, 404)
    assert _rows(db) == 0


# What the pages show


def _page(client, thread) -> str:
    response = client.get(f"/threads/{thread.id}?page=1")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_reaction_changes_every_readers_counts_and_only_its_own_buttons(
    client, login, db, qa_thread, make_member, app
):
    _, reply, _ = posts_of(qa_thread)
    ana, ben = make_member(display_name="Ana"), make_member(display_name="Ben")
    visitor = app.test_client()
    assert "reaction-count" not in _page(visitor, qa_thread)  # cached for visitors
    login(ben)
    assert 'aria-pressed="true"' not in _page(client, qa_thread)  # fills the caches
    services.add_reaction(reply, ana, "thanks")
    db.session.commit()
    ben_page = _page(client, qa_thread)
    assert 'aria-pressed="true"' not in ben_page  # Ana's press is not Ben's
    assert '<span class="reaction-count">1</span>' in ben_page
    assert '<span class="reaction-count">1</span>' in _page(visitor, qa_thread)
    client.post(f"/reactions/posts/{reply.id}/react", data={"kind": "thanks", "on": "1"})
    page = _page(client, qa_thread)
    assert page.count('aria-pressed="true"') == 1
    assert '<span class="reaction-count">2</span>' in page
    assert '<span class="reaction-count">2</span>' in _page(visitor, qa_thread)
    assert 'aria-pressed="true"' not in _page(visitor, qa_thread)


def test_the_reactors_own_page_shows_presses_only_to_them(
    client, login, db, qa_thread, make_member, app
):
    _, reply, _ = posts_of(qa_thread)
    ana, ben = make_member(display_name="Ana"), make_member(display_name="Ben")
    login(ana)
    client.post(f"/reactions/posts/{reply.id}/react", data={"kind": "helpful", "on": "1"})
    assert 'aria-pressed="true"' in _page(client, qa_thread)
    other = app.test_client()
    signed_in = other.post("/auth/sign-in", data={"email": ben.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert 'aria-pressed="true"' not in _page(other, qa_thread)
    cache.clear()
    assert 'aria-pressed="true"' not in _page(other, qa_thread)
    assert 'aria-pressed="true"' in _page(client, qa_thread)


def test_the_answer_shows_under_the_question_and_answered_in_lists_and_search(
    client, login, db, qa_thread, app
):
    _, reply, _ = posts_of(qa_thread)
    login(qa_thread.author)
    client.post(f"/reactions/threads/{qa_thread.id}/answer", data={"post_id": reply.id})
    page = _page(client, qa_thread)
    question_end = page.index("</article>")
    assert page.index('id="answer"') > question_end
    assert page.index('id="answer"') < page.index(f'id="post-{reply.id}"')
    assert f'href="/threads/posts/{reply.id}"' in page
    table = qa_thread.category.slug
    assert "mark-answered" in client.get(f"/threads/tables/{table}").get_data(as_text=True)
    assert "mark-answered" in client.get("/").get_data(as_text=True)
    found = client.get("/search/?q=cooperative&answered=1&kind=thread").get_data(as_text=True)
    assert f"/threads/{qa_thread.id}" in found
    client.post(f"/reactions/threads/{qa_thread.id}/answer/remove")
    assert 'id="answer"' not in _page(client, qa_thread)
    found = client.get("/search/?q=cooperative&answered=1&kind=thread").get_data(as_text=True)
    assert f"/threads/{qa_thread.id}" not in found


def test_who_reacted_lists_the_names_by_kind(client, db, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    services.add_reaction(reply, make_member(display_name="مريم"), "thanks")
    services.add_reaction(reply, make_member(display_name="Ελένη"), "agree")
    db.session.commit()
    page = client.get(f"/reactions/posts/{reply.id}").get_data(as_text=True)
    assert "مريم" in page and "Ελένη" in page
    assert client.get("/reactions/posts/999999").status_code == 404


def test_an_admin_marks_a_table_as_qa(client, login, db, make_category, people):
    from cop.threads.models import Category

    table = make_category()
    login(people()["admin"])
    form = client.get(f"/threads/manage/tables/{table.id}").get_data(as_text=True)
    assert 'name="is_qa"' in form
    response = client.post(
        f"/threads/manage/tables/{table.id}",
        data={
            "version": table.version,
            "slug": table.slug,
            "position": 1,
            "original_locale": "en",
            "is_qa": "y",
            "name_en": "Questions",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Category, table.id).is_qa is True


def test_a_script_gets_the_new_count_as_json(client, login, qa_thread, make_member):
    _, reply, _ = posts_of(qa_thread)
    login(make_member())
    answer = client.post(
        f"/reactions/posts/{reply.id}/react",
        data={"kind": "agree", "on": "1"},
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 200
    assert answer.json == {"kind": "agree", "pressed": True, "count": 1, "count_text": "1"}


def test_a_moderator_choosing_the_answer_for_the_author_is_in_the_audit_log(
    client, login, db, qa_thread, people
):
    """The author's own choice is theirs; a moderator's, marked or taken back, is an
    action on someone else's thread that the log keeps, with the reply it was about."""
    from sqlalchemy import select

    from cop.moderation.models import ModerationEvent

    _, reply, other = posts_of(qa_thread)
    login(qa_thread.author)
    client.post(f"/reactions/threads/{qa_thread.id}/answer", data={"post_id": reply.id})
    client.post(f"/reactions/threads/{qa_thread.id}/answer/remove")
    assert db.session.scalars(select(ModerationEvent)).all() == []

    moderator = people()["moderator"]
    client.post("/auth/sign-out")
    login(moderator)
    marked = client.post(f"/reactions/threads/{qa_thread.id}/answer", data={"post_id": other.id})
    unmarked = client.post(f"/reactions/threads/{qa_thread.id}/answer/remove")
    assert marked.status_code == unmarked.status_code == 302
    events = db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id)).all()
    assert [(e.action, e.actor_id) for e in events] == [
        ("mark_answer", moderator.id),
        ("unmark_answer", moderator.id),
    ]
    assert (events[0].target_type, events[0].target_id) == ("post", other.id)
    assert events[0].data == {"thread_id": qa_thread.id}
    assert (events[1].target_type, events[1].target_id) == ("thread", qa_thread.id)
    assert events[1].data == {"post_id": other.id}
    log = client.get("/moderation/log").get_data(as_text=True)
    assert "Marked a reply as the answer" in log and "Took back the answer of a thread" in log
