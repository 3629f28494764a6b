"""Notices that do not flood and the unread view in a browser, in Arabic, Greek and
English: two replies in a thread the member read are one grouped notice; a new message
in a conversation is one more; the unread view lists the thread, "Mark all as read"
empties it. axe finds nothing on the notifications page and the unread view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible

SUBJECT = "Workshop 2027"
TITLES = {"ar": "الاقتصاد التضامني", "el": "Κοινωνική οικονομία", "en": "Social economy"}


def _activity(live_app, reader, writer, title: str) -> tuple[int, int]:
    """A thread the reader opened, then two replies by the writer, and a conversation
    from the writer to the reader: (thread id, conversation id)."""
    from cop.conversations import services as conversations
    from cop.members.models import Member
    from cop.threads import reading, services
    from cop.threads.models import Category

    with live_app.app_context():
        me = db.session.get(Member, reader.id)
        other = db.session.get(Member, writer.id)
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        thread = services.start_thread(
            author=me, category=table, title=title, body="Opening", language="en"
        )
        reading.mark_thread_read(me, thread, thread.last_post_id)
        for body in ("First answer", "Second answer"):
            services.reply_to_thread(author=other, thread=thread, body=body, language="en")
        conversation = conversations.start_conversation(
            sender=other, recipients=[me], subject=SUBJECT, body="A private word"
        )
        db.session.commit()
        found = thread.id, conversation.id
        db.session.remove()
    return found


@pytest.mark.parametrize("locale", ["ar", "el", "en"])
def test_grouped_notices_and_the_unread_view(page: Page, live_app, create_account, sign_in, locale):
    reader = create_account(locale=locale)
    writer = create_account(locale=locale)
    thread_id, conversation_id = _activity(live_app, reader, writer, TITLES[locale])
    sign_in(reader)
    page.goto("/notifications/")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    # Two replies are one group; the conversation's message is the other notice.
    expect(page.locator(".notification.is-unread")).to_have_count(2)
    assert_accessible(page)

    page.locator(".page-heading a[href='/threads/unread']").click()
    page.wait_for_load_state()
    expect(page.locator(f".thread-title[href='/threads/{thread_id}']")).to_have_count(1)
    assert_accessible(page)
    page.locator(".page-heading form [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".thread-row")).to_have_count(0)
    expect(page.locator(".empty")).to_be_visible()
    assert_accessible(page)

    page.goto("/notifications/")
    message = page.locator(".notification.is-unread").filter(has_text=SUBJECT)
    message.locator(".notification-actions form").first.locator("[type=submit]").click()
    page.wait_for_load_state()
    assert f"/conversations/{conversation_id}" in page.url
    expect(page.locator(".message-body").last).to_contain_text("A private word")
