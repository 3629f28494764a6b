"""Machine translation in a browser, in Arabic and Greek: a member presses "Translate
into …" under a Spanish post and its thread's title, and reads the machine's words below
the originals, labelled with the provider's name (axe finds nothing before or after);
without JavaScript, a failing provider gives a message and the original."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from cop.extensions import db
from tests.e2e.conftest import assert_accessible
from tests.translations.machine_fakes import FakeServer

BUTTON = {"ar": "الترجمة إلى", "el": "Μετάφραση στα"}
LABEL = {"ar": "ترجمة آلية بواسطة", "el": "Αυτόματη μετάφραση από"}
FAILED = {"ar": "رفضت خدمة الترجمة الطلب.", "el": "Η υπηρεσία μετάφρασης απέρριψε το αίτημα."}


@pytest.fixture
def provider(live_app):
    """The live app asking a local fake LibreTranslate server, for this test only."""
    server = FakeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    keys = ("MT_PROVIDER", "MT_URL", "MT_TIMEOUT")
    saved = {key: live_app.config.get(key) for key in keys}
    live_app.config.update(MT_PROVIDER="libretranslate", MT_URL=server.url, MT_TIMEOUT=3)
    yield server
    live_app.config.update(saved)
    server.shutdown()
    server.server_close()


def _spanish_thread(live_app, author) -> tuple[int, int]:
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category, Post

    with live_app.app_context():
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        thread = services.start_thread(
            author=db.session.get(Member, author.id),
            category=table,
            title="Cooperativas de vivienda en Valencia",
            body="Hola a todos. Mirad el [informe](https://example.org/informe) y el `código`.",
            language="es",
        )
        db.session.commit()
        opening = db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id))
        ids = thread.id, opening
        db.session.remove()
    return ids


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_member_reads_a_spanish_post_and_title_machine_translated(
    page, live_app, create_account, sign_in, provider, locale
):
    thread_id, post_id = _spanish_thread(live_app, create_account(locale="es"))
    sign_in(create_account(locale=locale), page)
    page.goto(f"/threads/{thread_id}?page=1")
    under_post = page.locator(f"#machine-post-{post_id}")
    expect(under_post.locator("button")).to_contain_text(BUTTON[locale])
    assert_accessible(page)

    under_post.locator("button").click()
    page.wait_for_load_state()
    box = page.locator(f"#machine-post-{post_id}")
    expect(box).to_contain_text(LABEL[locale])
    expect(box).to_contain_text("LibreTranslate")
    expect(box.locator(".machine-body")).to_contain_text(f"[{locale}] HOLA A TODOS.")
    expect(box.locator(".machine-body a")).to_have_attribute("href", "https://example.org/informe")
    expect(box.locator(".machine-body code")).to_have_text("código")
    expect(page.locator(f"#post-{post_id} .post-body")).to_contain_text("Hola a todos.")

    page.locator(f"#machine-thread-{thread_id} button").click()
    page.wait_for_load_state()
    title = page.locator(f"#machine-thread-{thread_id} .machine-title")
    expect(title).to_have_text(f"[{locale}] COOPERATIVAS DE VIVIENDA EN VALENCIA")
    expect(page.locator("h1")).to_have_text("Cooperativas de vivienda en Valencia")
    assert_accessible(page)


@pytest.mark.parametrize("locale", ["ar", "el"])
def test_a_failing_provider_leaves_the_original_and_says_so(
    nojs_page, live_app, create_account, sign_in, provider, locale
):
    page = nojs_page
    thread_id, post_id = _spanish_thread(live_app, create_account(locale="es"))
    sign_in(create_account(locale=locale), page)
    provider.mode = "fail"
    page.goto(f"/threads/{thread_id}?page=1")
    page.locator(f"#machine-post-{post_id} button").click()
    page.wait_for_load_state()
    expect(page.locator(".flash")).to_contain_text(FAILED[locale])
    expect(page.locator(f"#post-{post_id} .post-body")).to_contain_text("Hola a todos.")
    expect(page.locator(f"#machine-post-{post_id} button")).to_be_visible()
