"""Reading in my languages in a browser, in Arabic and Greek: a member adds a
translation of a post and of the thread's title (lane "mt"'s form), another member who
reads only their interface language reads the thread in it, goes back to one post as
written and forth again (plain links), then the original is edited and the translation
shows as outdated, with a link to the current original. axe finds nothing on the thread
page in translated mode (en, ar, el), and the per-post toggle works without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible

# (the thread's language, its title, its opening post; the translation of the title and
# the post into the reader's language; the edited original).
WORDS = {
    "el": (
        "ar",
        "التعاونيات السكنية في الأردن",
        "كيف تنظمون اجتماعاتكم الشهرية؟",
        "Στεγαστικοί συνεταιρισμοί στην Ιορδανία",
        "Πώς οργανώνετε τις μηνιαίες συνελεύσεις σας;",
        "كيف تنظمون اجتماعاتكم الأسبوعية الآن؟",
    ),
    "ar": (
        "el",
        "Στεγαστικοί συνεταιρισμοί στην Κρήτη",
        "Πώς οργανώνετε τις μηνιαίες συνελεύσεις σας;",
        "التعاونيات السكنية في كريت",
        "كيف تنظمون اجتماعاتكم الشهرية؟",
        "Πώς οργανώνετε τώρα τις εβδομαδιαίες συνελεύσεις σας;",
    ),
    "en": (
        "el",
        "Στεγαστικοί συνεταιρισμοί στην Κρήτη",
        "Πώς οργανώνετε τις μηνιαίες συνελεύσεις σας;",
        "Housing cooperatives in Crete",
        "How do you organise your monthly assemblies?",
        "",
    ),
}


def _thread(live_app, author, language: str, title: str, body: str) -> tuple[int, int]:
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category
    from cop.threads.queries import opening_post

    with live_app.app_context():
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        thread = services.start_thread(
            author=db.session.get(Member, author.id),
            category=table,
            title=title,
            body=body,
            language=language,
        )
        db.session.commit()
        ids = thread.id, opening_post(thread).id
        db.session.remove()
    return ids


def _reads(live_app, account, *codes: str) -> None:
    """The member lists the languages they read on their profile."""
    from cop.members.models import MemberLanguage

    with live_app.app_context():
        for code in codes:
            db.session.add(MemberLanguage(member_id=account.id, code=code))
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_translation_is_added_read_in_the_readers_language_and_marked_outdated(
    page: Page, browser, base_url, live_app, create_account, sign_in, locale
):
    language, title, body, title_translated, body_translated, edited = WORDS[locale]
    author = create_account(locale=language, display_name="Author of the original")
    translator = create_account(locale=locale, display_name="Τρανσλέιτορ Translator")
    reader = create_account(locale=locale)
    _reads(live_app, translator, language)
    _reads(live_app, reader, locale)
    thread_id, post_id = _thread(live_app, author, language, title, body)

    # The translator (who reads the original's language) translates the post and title.
    sign_in(translator)
    page.goto(f"/threads/{thread_id}?page=1")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    page.locator(f"#post-{post_id} a.translate-link").click()
    expect(page.locator("select[name=language]")).to_have_value(locale)
    page.locator("textarea[name=body]").fill(body_translated)
    page.locator("form [type=submit].primary").click()
    expect(page.locator(".flash-success")).to_be_visible()
    page.goto(f"/threads/{thread_id}?page=1")
    page.locator(".thread-heading ~ .translation-links a.translate-link").click()
    page.locator("input[name=title]").fill(title_translated)
    page.locator("form [type=submit].primary").click()
    expect(page.locator(".flash-success")).to_be_visible()

    # The reader reads only their interface language: the thread comes in it.
    context = browser.new_context(base_url=base_url, locale=locale)
    reading = context.new_page()
    sign_in(reader, reading)
    reading.goto(f"/threads/{thread_id}?page=1")
    heading = reading.locator("h1.thread-heading")
    expect(heading).to_have_text(title_translated)
    expect(heading).to_have_attribute("lang", locale)
    expect(reading.locator(".translation-note .original-title")).to_have_text(title)
    post = reading.locator(f"#post-{post_id}")
    translated = post.locator(".post-body-translated")
    expect(translated).to_have_text(body_translated)
    expect(translated).to_have_attribute("lang", locale)
    expect(translated).to_have_attribute("dir", "auto")
    expect(post.locator(".translation-byline")).to_contain_text("Translator")
    expect(post.locator(".mark-outdated")).to_have_count(0)
    assert_accessible(reading)

    # One post as written, and back, by plain links.
    post.locator(".translation-toggle a").click()
    expect(post.locator(".post-body")).to_have_text(body)
    expect(post.locator(".post-body")).to_have_attribute("lang", language)
    post.locator(".translation-toggle a").click()
    expect(post.locator(".post-body-translated")).to_have_text(body_translated)

    # The author edits the original: the reader's next view marks the translation.
    context_author = browser.new_context(base_url=base_url, locale=language)
    writing = context_author.new_page()
    sign_in(author, writing)
    writing.goto(f"/threads/posts/{post_id}/edit")
    writing.locator("textarea[name=body]").fill(edited)
    writing.locator("button[name=submit]").click()
    writing.wait_for_load_state()
    context_author.close()

    reading.goto(f"/threads/{thread_id}?page=1")
    expect(post.locator(".translation-byline .mark-outdated")).to_be_visible()
    expect(post.locator(".post-body-translated")).to_have_text(body_translated)
    post.locator(".translation-outdated a").click()
    expect(post.locator(".post-body")).to_have_text(edited)
    assert_accessible(reading)
    context.close()


def _translated(live_app, thread_id: int, post_id: int, locale: str, translator) -> None:
    """The title and post translated into `locale` (as the translation services store it)."""
    from cop.members.models import Member
    from cop.translations import services
    from cop.translations.sources import load_original

    _language, _title, _body, title_translated, body_translated, _edited = WORDS[locale]
    with live_app.app_context():
        member = db.session.get(Member, translator.id)
        services.add_translation(
            load_original("thread", thread_id), translator=member, language=locale,
            title=title_translated, body="",
        )  # fmt: skip
        services.add_translation(
            load_original("post", post_id), translator=member, language=locale, title=None,
            body=body_translated,
        )  # fmt: skip
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("locale", ["en", "ar", "el"])
def test_the_thread_page_in_translated_mode_passes_axe(
    browser, base_url, live_app, create_account, sign_in, locale
):
    language, title, body, _title_translated, body_translated, _edited = WORDS[locale]
    author, reader = create_account(locale=language), create_account(locale=locale)
    _reads(live_app, reader, locale)
    thread_id, post_id = _thread(live_app, author, language, title, body)
    _translated(live_app, thread_id, post_id, locale, author)
    context = browser.new_context(base_url=base_url, locale=locale)
    page = context.new_page()
    sign_in(reader, page)
    page.goto(f"/threads/{thread_id}?page=1")
    expect(page.locator(f"#post-{post_id} .post-body-translated")).to_have_text(body_translated)
    assert_accessible(page)
    page.goto("/threads/")
    assert_accessible(page)
    context.close()


def test_the_per_post_toggle_and_the_switch_work_without_javascript(
    nojs_page: Page, live_app, create_account, sign_in
):
    language, title, body, _title_translated, body_translated, _edited = WORDS["el"]
    author, reader = create_account(locale=language), create_account(locale="el")
    _reads(live_app, reader, "el")
    thread_id, post_id = _thread(live_app, author, language, title, body)
    _translated(live_app, thread_id, post_id, "el", author)
    sign_in(reader, nojs_page)
    nojs_page.goto(f"/threads/{thread_id}?page=1")
    post = nojs_page.locator(f"#post-{post_id}")
    expect(post.locator(".post-body-translated")).to_have_text(body_translated)
    post.locator(".translation-toggle a").click()
    expect(post.locator(".post-body")).to_have_text(body)
    nojs_page.locator(".reading-switch button").click()  # everything as written
    expect(nojs_page.locator(".flash-success")).to_be_visible()
    expect(post.locator(".post-body-translated")).to_have_count(0)
    nojs_page.locator(".reading-switch button").click()  # in my language again
    # Back on the same address: the post asked for as written stays so, with its link.
    expect(post.locator(".post-body")).to_have_text(body)
    post.locator(".translation-toggle a").click()
    expect(post.locator(".post-body-translated")).to_have_text(body_translated)
