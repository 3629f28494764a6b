"""Reactions and answers in a browser, in Arabic and Greek: a member thanks a reply and
sees the count and their pressed button; the asker marks the reply as the answer, which
then shows under the question; axe finds nothing on a Q&A thread (en, ar, el), for a
visitor, a member and the asker, nor on the "who reacted" page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible

WORDS = {
    "ar": ("كيف نبدأ تعاونية سكنية؟", "ما الخطوة الأولى؟", "ابدأوا بخمسة أعضاء."),
    "el": ("Πώς ξεκινά ένας συνεταιρισμός;", "Ποιο είναι το πρώτο βήμα;", "Με πέντε μέλη."),
    "en": ("How do we start a cooperative?", "What is the first step?", "Start with five."),
}


def _qa_thread(live_app, asker, replier, locale: str) -> tuple[int, int]:
    """A thread of `asker` in a Q&A table with one reply by `replier`."""
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category

    title, question, answer = WORDS[locale]
    with live_app.app_context():
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        table.is_qa = True
        thread = services.start_thread(
            author=db.session.get(Member, asker.id),
            category=table,
            title=title,
            body=question,
            language=locale,
        )
        reply = services.reply_to_thread(
            author=db.session.get(Member, replier.id), thread=thread, body=answer, language=locale
        )
        db.session.commit()
        ids = thread.id, reply.id
        db.session.remove()
    return ids


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_member_thanks_a_reply_and_the_asker_marks_it_as_the_answer(
    page: Page, browser, base_url, live_app, create_account, sign_in, locale
):
    asker, replier = create_account(locale=locale), create_account(locale=locale)
    reader = create_account(locale=locale)
    thread_id, reply_id = _qa_thread(live_app, asker, replier, locale)

    sign_in(reader)
    page.goto(f"/threads/{thread_id}?page=1")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    thanks = page.locator(f"#post-{reply_id} .reaction-form button[value^='thanks:']")
    expect(thanks).to_have_attribute("aria-pressed", "false")
    thanks.click()
    page.wait_for_load_state()
    thanks = page.locator(f"#post-{reply_id} .reaction-form button[value^='thanks:']")
    expect(thanks).to_have_attribute("aria-pressed", "true")
    expect(thanks.locator(".reaction-count")).to_have_text("1")
    assert_accessible(page)
    page.reload()  # the script pressed it without a page load: the server kept it
    expect(thanks).to_have_attribute("aria-pressed", "true")
    page.locator(f"#post-{reply_id} .reaction-who").click()
    page.wait_for_load_state()
    expect(page.locator(".reactors")).to_contain_text(reader.display_name)
    assert_accessible(page)

    context = browser.new_context(base_url=base_url)
    other = context.new_page()
    sign_in(asker, other)
    other.goto(f"/threads/{thread_id}?page=1")
    expect(other.locator("#answer")).to_have_count(0)
    other.locator(f"#post-{reply_id} button[formaction$='/answer']").click()
    other.wait_for_load_state()
    expect(other.locator("#answer .post-body")).to_contain_text(WORDS[locale][2])
    expect(other.locator(f"#post-{reply_id} .mark-answered")).to_have_count(1)
    assert_accessible(other)
    other.goto("/threads/")
    expect(
        other.locator(".thread-row", has_text=WORDS[locale][0]).locator(".mark-answered")
    ).to_have_count(1)
    context.close()


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_a_qa_thread_has_no_accessibility_violation(
    page: Page, browser, base_url, live_app, create_account, sign_in, locale
):
    from cop.members.models import Member
    from cop.reactions import answers, services
    from cop.threads.models import Post, Thread

    asker, replier = create_account(locale=locale), create_account(locale=locale)
    reader = create_account(locale=locale)
    thread_id, reply_id = _qa_thread(live_app, asker, replier, locale)
    with live_app.app_context():
        reply = db.session.get(Post, reply_id)
        services.add_reaction(reply, db.session.get(Member, reader.id), "helpful")
        answers.mark_answer(
            db.session.get(Thread, thread_id), reply, actor=db.session.get(Member, asker.id)
        )
        db.session.commit()
        db.session.remove()

    visitor = browser.new_context(
        base_url=base_url, locale=locale, extra_http_headers={"Accept-Language": locale}
    )
    anonymous = visitor.new_page()
    anonymous.goto(f"/threads/{thread_id}")
    expect(anonymous.locator("#answer")).to_have_count(1)
    assert_accessible(anonymous)
    anonymous.goto(f"/reactions/posts/{reply_id}")
    assert_accessible(anonymous)
    visitor.close()
    for account in (reader, asker):
        context = browser.new_context(base_url=base_url)
        signed_in = context.new_page()
        sign_in(account, signed_in)
        signed_in.goto(f"/threads/{thread_id}?page=1")
        expect(signed_in.locator("html")).to_have_attribute("lang", locale)
        expect(signed_in.locator(".post-reactions").first).to_be_visible()
        assert_accessible(signed_in)
        context.close()


def test_reacting_works_without_javascript(nojs_page: Page, live_app, create_account, sign_in):
    asker, replier = create_account(locale="el"), create_account(locale="el")
    reader = create_account(locale="el")
    thread_id, reply_id = _qa_thread(live_app, asker, replier, "el")
    sign_in(reader, nojs_page)
    nojs_page.goto(f"/threads/{thread_id}?page=1")
    agree = f"#post-{reply_id} .reaction-form button[value^='agree:']"
    nojs_page.locator(agree).click()
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(agree)).to_have_attribute("aria-pressed", "true")
    nojs_page.locator(agree).click()  # taken back
    nojs_page.wait_for_load_state()
    expect(nojs_page.locator(agree)).to_have_attribute("aria-pressed", "false")
    expect(nojs_page.locator(f"{agree} .reaction-count")).to_have_count(0)
