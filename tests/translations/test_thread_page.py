"""The line under each post and under the thread's title, on a cached thread page: it
follows every change without the cache being cleared."""

from __future__ import annotations

from cop.extensions import db as _db
from cop.threads import services as thread_services
from cop.translations import services
from cop.translations.sources import load_original


def _page(client, thread) -> str:
    return client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_the_line_follows_adds_edits_and_removals_through_the_cache(
    client, login, scene, translate
):
    login(scene["translator"])
    thread = scene["thread"]
    assert "hreflang" not in _page(client, thread)  # cached now
    translation = translate("post", scene["reply"], scene["translator"])
    assert f'href="/translations/{translation.id}"' in _page(client, thread)
    thread_services.edit_post(scene["reply"], editor=scene["replier"], body="Άλλες λέξεις.")
    _db.session.commit()
    assert "mark-outdated" in _page(client, thread)
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["translator"], title=None, body="Other words.",
        version=None,
    )  # fmt: skip
    _db.session.commit()
    assert "mark-outdated" not in _page(client, thread)
    services.remove_translation(translation, original, actor=scene["translator"])
    _db.session.commit()
    assert f'href="/translations/{translation.id}"' not in _page(client, thread)


def test_the_title_line_follows_through_the_cache(client, scene, translate):
    thread = scene["thread"]
    assert "hreflang" not in _page(client, thread)  # a visitor's page, cached
    translation = translate("thread", thread, scene["translator"], title="How to start")
    page = _page(client, thread)
    assert f'href="/translations/{translation.id}"' in page
    assert "Translate</a>" not in page  # visitors read; members translate


def test_translate_links_carry_the_readers_language(client, login, scene, make_member):
    login(make_member(locale="fr"))
    page = _page(client, scene["thread"])
    assert f"/translations/post/{scene['reply'].id}/new?language=fr" in page
    assert f"/translations/thread/{scene['thread'].id}/new?language=fr" in page


def test_no_line_under_a_hidden_post(client, login, scene, translate, people):
    translate("post", scene["reply"], scene["translator"])
    scene["reply"].is_hidden = True
    _db.session.commit()
    login(people()["moderator"])
    page = _page(client, scene["thread"])
    assert f"/translations/post/{scene['reply'].id}/new" not in page
