"""The conversation pages from cached fragments (cop/conversations/fragments.py): every
change shows on the next view, each reader keeps their own marks, no conversation's
fragment reaches another page, and the pages run a fixed number of queries."""

from __future__ import annotations

import pytest

from cop.conversations import accounts, services
from cop.conversations.models import Message
from cop.extensions import cache
from tests.core.test_fragment_keys import fragment_blocks


def _entries() -> dict[str, object]:
    """The cache's entries (the tests' in-process SimpleCache), key to value."""
    return {key: cache.get(key) for key in list(cache.cache._cache)}


def _settled(client, path: str) -> str:
    """The page as the reader sees it once read: a second view, from the cache."""
    _page(client, path)
    return _page(client, path)


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def talk(db, make_member, make_conversation):
    """Ana writes to Omar; Omar answers."""
    ana = make_member(display_name="Ana Ferreira")
    omar = make_member(display_name="Omar Haddad")
    conversation = make_conversation(ana, [omar], body="The **first** word")
    services.send_message(conversation, author=omar, body="An answer from Omar")
    db.session.commit()
    return ana, omar, conversation


def test_the_pages_have_their_fragments(app):
    templates = {block.template for block in fragment_blocks(app.jinja_env)}
    assert {"conversations/_messages.html", "conversations/index.html"} <= templates
    assert "conversations/show.html" in templates  # the blank forms


def test_a_second_view_comes_from_the_cache(client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    first = _page(client, f"/conversations/{conversation.id}")
    kinds = {key.split(":")[0].rsplit("_", 1)[-1] for key in _entries()}
    assert {"conversation-message", "conversation-messages", "conversation-reply"} <= kinds
    _page(client, "/conversations/")
    kinds = {key.split(":")[0].rsplit("_", 1)[-1] for key in _entries()}
    assert {"conversation-row", "conversation-list"} <= kinds
    assert "<strong>first</strong>" in first


def test_an_edited_message_shows_at_once(db, client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    assert "An answer from Omar" in _settled(client, f"/conversations/{conversation.id}")
    message = db.session.scalar(db.select(Message).where(Message.body_source.like("An answer%")))
    message.body_source = "A corrected answer"
    message.body_html = services.render_message("A *corrected* answer")
    db.session.commit()
    page = _page(client, f"/conversations/{conversation.id}")
    assert "A <em>corrected</em> answer" in page and "An answer from Omar" not in page


def test_a_deleted_message_is_gone_at_once(db, client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    assert "An answer from Omar" in _settled(client, f"/conversations/{conversation.id}")
    db.session.execute(db.delete(Message).where(Message.body_source.like("An answer%")))
    db.session.commit()
    assert "An answer from Omar" not in _page(client, f"/conversations/{conversation.id}")


def test_a_closed_accounts_messages_are_signed_by_a_former_member_at_once(db, client, login, talk):
    ana, omar, conversation = talk
    login(ana)
    assert "Omar Haddad" in _settled(client, f"/conversations/{conversation.id}")
    accounts.anonymize_member_conversations(omar)
    db.session.commit()
    db.session.expire_all()
    page = _page(client, f"/conversations/{conversation.id}")
    assert "Omar Haddad" not in page and "former member" in page
    assert "An answer from Omar" in page


def test_a_renamed_member_shows_at_once_in_messages_members_and_the_list(db, client, login, talk):
    ana, omar, conversation = talk
    login(ana)
    assert "Omar Haddad" in _settled(client, f"/conversations/{conversation.id}")
    assert "Omar Haddad" in _settled(client, "/conversations/")
    omar.display_name = "Omar Al-Haddad"
    db.session.commit()
    page = _page(client, f"/conversations/{conversation.id}")
    assert "Omar Haddad" not in page and page.count("Omar Al-Haddad") >= 2  # member, author
    listing = _page(client, "/conversations/")
    assert "Omar Haddad" not in listing and "Omar Al-Haddad" in listing


def test_a_new_message_and_the_readers_unread_state_show_at_once(db, client, login, talk):
    ana, omar, conversation = talk
    login(ana)
    _page(client, f"/conversations/{conversation.id}")  # read: nothing new any more
    listing = _page(client, "/conversations/")
    assert "is-unread" not in listing and "1 unread message" not in listing
    services.send_message(conversation, author=omar, body="One more thing")
    db.session.commit()
    listing = _page(client, "/conversations/")
    assert "is-unread" in listing and "(1 unread message)" in listing
    assert "3 messages" in listing
    page = _page(client, f"/conversations/{conversation.id}")
    assert "One more thing" in page and page.count("mark-new") == 1
    again = _page(client, f"/conversations/{conversation.id}")  # read now
    assert "One more thing" in again and "mark-new" not in again
    assert "is-unread" not in _page(client, "/conversations/")


def test_each_reader_keeps_their_own_marks_and_report_links(client, login, talk):
    ana, omar, conversation = talk
    login(ana)  # her own first message: no Report link; Omar's answer is new to her
    page = _page(client, f"/conversations/{conversation.id}")
    assert page.count("report-link") == 1 and page.count("mark-new") == 1
    client.post("/auth/sign-out")
    login(omar)  # read his own answer when he wrote it; Ana's message may be reported
    page = _page(client, f"/conversations/{conversation.id}")
    assert page.count("report-link") == 1 and "mark-new" not in page
    first = page.index("The <strong>first</strong> word")
    assert page.index("report-link") > first  # under Ana's message, not his own


def test_no_fragment_of_a_conversation_reaches_another_members_pages(
    db, client, login, make_member, make_conversation, talk
):
    ana, _omar, conversation = talk
    outsider = make_member(display_name="Outsider")
    own = make_conversation(outsider, [make_member()], subject="Theirs", body="Nothing secret")
    login(ana)
    _page(client, f"/conversations/{conversation.id}")  # cached: messages, rows, region
    _page(client, "/conversations/")
    client.post("/auth/sign-out")
    login(outsider)
    for path in ("/conversations/", f"/conversations/{own.id}", "/"):
        page = _page(client, path)
        assert "first</strong> word" not in page and "An answer from Omar" not in page
        assert "Omar Haddad" not in page
    assert client.get(f"/conversations/{conversation.id}").status_code == 404
    message = db.session.scalar(db.select(Message.id).where(Message.author_id == ana.id))
    assert client.get(f"/conversations/messages/{message}/report").status_code == 404


def test_no_conversation_lands_in_a_visitors_page(client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    _page(client, f"/conversations/{conversation.id}")
    _page(client, "/conversations/")
    client.post("/auth/sign-out")
    for path in (f"/conversations/{conversation.id}", "/conversations/", "/"):
        response = client.get(path)
        assert "An answer from Omar" not in response.get_data(as_text=True)
    for key, value in _entries().items():  # only the messages' own fragments hold it
        assert "An answer from Omar" not in repr(value) or "conversation-message" in key, key


def test_a_draft_replaces_the_cached_blank_reply_box_at_once(client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    blank = _settled(client, f"/conversations/{conversation.id}")
    assert 'name="client_token"' in blank and "Half a thought" not in blank
    client.post(
        f"/conversations/{conversation.id}/reply",
        data={"body": "Half a thought", "save_draft": "1"},
    )
    page = _page(client, f"/conversations/{conversation.id}")
    assert "Half a thought</textarea>" in page
    again = _settled(client, f"/conversations/{conversation.id}")
    assert "Half a thought</textarea>" in again


def test_each_blank_reply_box_has_its_own_client_token(client, login, talk):
    ana, _omar, conversation = talk
    login(ana)
    first, second = (_page(client, f"/conversations/{conversation.id}") for _ in range(2))
    token = 'name="client_token" value="'
    assert first.split(token)[1][:20] != second.split(token)[1][:20]


def test_a_page_past_the_last_shows_the_last(db, client, login, make_member, make_conversation):
    ana = make_member()
    for n in range(3):
        make_conversation(ana, [make_member()], subject=f"Subject number {n}")
    login(ana)
    page = _page(client, "/conversations/?page=9")
    assert all(f"Subject number {n}" in page for n in range(3))


def _rendered_queries(client, count_queries, path: str) -> tuple[int, int]:
    """(queries served from the cache, queries with every cache cleared)."""
    _page(client, path)
    with count_queries() as served:
        _page(client, path)
    cache.clear()
    with count_queries() as rendered:
        _page(client, path)
    return len(served), len(rendered)


# The signed-in reader (1), the content versions (1), the header's counts (1); the list:
# its rows with their count (1), the other members (1); a conversation: the reader's
# place with the conversation and its members (1), the reader's draft (1), the page's
# messages (1). A page already read writes nothing.
LIST_QUERIES = 5
CONVERSATION_QUERIES = 6


def test_the_pages_run_a_fixed_number_of_queries_whatever_their_size(
    db, client, login, make_member, make_conversation, count_queries
):
    ana = make_member()
    others = [make_member() for _ in range(4)]
    conversation = make_conversation(ana, others[:2])
    login(ana)
    small = [
        _rendered_queries(client, count_queries, "/conversations/"),
        _rendered_queries(client, count_queries, f"/conversations/{conversation.id}"),
    ]
    for n in range(30):
        make_conversation(ana, [others[n % 4], make_member()])
        services.send_message(conversation, author=others[n % 2], body=f"Message {n}")
    db.session.commit()
    large = [
        _rendered_queries(client, count_queries, "/conversations/"),
        _rendered_queries(client, count_queries, f"/conversations/{conversation.id}?page=1"),
    ]
    assert small == large
    assert small == [(LIST_QUERIES,) * 2, (CONVERSATION_QUERIES,) * 2]
