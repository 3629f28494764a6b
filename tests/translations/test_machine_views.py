"""Machine translations through the pages: the button, who may press it, what every
reader sees afterwards, and what they are told when the provider fails."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.members.models import MemberRestriction, Role
from cop.models import utcnow
from cop.translations.models import ContentTranslation
from tests.translations import machine_fakes, machine_world

_fake_server = machine_fakes._fake_server
fake_provider = machine_fakes.fake_provider
machine_on = machine_fakes.machine_on
greek_thread = machine_world.greek_thread
spanish_resource = machine_world.spanish_resource

BUTTON = "Translate into English"
LABEL = 'Machine translation by <bdi lang="en" translate="no">LibreTranslate</bdi>'


def rows(db) -> int:
    return db.session.scalar(select(func.count(ContentTranslation.id)))


@pytest.fixture
def someone(db, make_member):
    def make(role: str):
        if role == "anonymous":
            return None
        if role == "moderator":
            return make_member(role=Role.MODERATOR)
        if role == "unconfirmed":
            return make_member(email_confirmed=False)
        member = make_member()
        if role == "suspended":
            db.session.add(
                MemberRestriction(member=member, suspended_until=utcnow().replace(year=2999))
            )
            db.session.commit()
        return member

    return make


STATUS = {"member": 302, "moderator": 302, "suspended": 403, "unconfirmed": 403}


@pytest.mark.parametrize("role", ["anonymous", "member", "suspended", "unconfirmed", "moderator"])
@pytest.mark.parametrize("kind", ["post", "thread", "resource"])
def test_who_may_ask_for_a_machine_translation(
    client, login, db, machine_on, greek_thread, spanish_resource, someone, role, kind
):
    member = someone(role)
    if member is not None:
        login(member)
    opening, _reply = machine_world.posts_of(greek_thread)
    target = {"post": opening.id, "thread": greek_thread.id, "resource": spanish_resource.id}
    response = client.post(f"/translations/machine/{kind}/{target[kind]}")
    if member is None:
        assert response.status_code == 302 and "/auth/sign-in" in response.location
        assert rows(db) == 0
        return
    assert response.status_code == STATUS[role]
    assert rows(db) == (1 if STATUS[role] == 302 else 0)
    if response.status_code == 302:
        assert response.location.endswith(f"#machine-{kind}-{target[kind]}")


def test_a_member_presses_the_button_and_everyone_reads_the_translation(
    client, login, db, make_member, machine_on, greek_thread
):
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert page.count(BUTTON) == 3  # the title and both posts
    assert f'action="/translations/machine/post/{opening.id}"' in page
    pressed = client.post(f"/translations/machine/post/{opening.id}", follow_redirects=True)
    page = pressed.get_data(as_text=True)
    assert "The machine translation is shown below the original." in page
    assert LABEL in page
    assert "[en] ΚΑΛΗΜΈΡΑ ΣΕ ΌΛΟΥΣ." in page
    assert "Καλημέρα σε όλους." in page  # the original stays
    assert page.count(BUTTON) == 2
    client.post("/auth/sign-out")
    visitor = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert "[en] ΚΑΛΗΜΈΡΑ ΣΕ ΌΛΟΥΣ." in visitor and LABEL in visitor
    assert BUTTON not in visitor


def test_the_thread_title_comes_back_to_the_page_it_was_pressed_on(
    client, login, db, make_member, machine_on, greek_thread
):
    login(make_member())
    url = f"/translations/machine/thread/{greek_thread.id}"
    back = f"/threads/{greek_thread.id}?page=1#machine-thread-{greek_thread.id}"
    response = client.post(url, data={"next": back})
    assert response.status_code == 302 and response.location.endswith(back)
    assert client.post(url, data={"next": "https://evil.example/"}).location.endswith(
        f"#machine-thread-{greek_thread.id}"
    )
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert "[en] ΣΥΝΆΝΤΗΣΗ ΣΤΗΝ ΑΘΉΝΑ" in page and LABEL in page


def test_a_resource_title_and_description_are_translated_on_its_page(
    client, login, db, make_member, machine_on, spanish_resource
):
    login(make_member())
    url = f"/resources/{spanish_resource.id}"
    assert BUTTON in client.get(url).get_data(as_text=True)
    client.post(f"/translations/machine/resource/{spanish_resource.id}")
    page = client.get(url).get_data(as_text=True)
    assert "[en] GUÍA DE COOPERATIVAS" in page and "<strong>[en] PRÁCTICA</strong>" not in page
    assert "<strong>PRÁCTICA</strong>" in page and LABEL in page


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("fail", "The translation service refused the request."),
        ("busy", "The translation service is busy."),
        ("garbage", "The translation service gave an answer that cannot be used."),
        ("html", "The translation service gave an answer that cannot be used."),
        ("huge", "The translation service gave an answer that cannot be used."),
        ("unsupported", "The translation service cannot translate this text into your language."),
    ],
)
def test_a_failing_provider_gives_a_clear_message_and_the_original(
    client, login, db, make_member, machine_on, greek_thread, mode, message
):
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    machine_on.mode = mode
    response = client.post(f"/translations/machine/post/{opening.id}", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "Καλημέρα σε όλους." in page and LABEL not in page
    assert rows(db) == 0


def test_a_slow_provider_is_a_clear_message_within_the_timeout(
    app, client, login, db, make_member, machine_on, greek_thread, monkeypatch
):
    opening, _reply = machine_world.posts_of(greek_thread)
    monkeypatch.setitem(app.config, "MT_TIMEOUT", 0.3)
    machine_on.mode, machine_on.delay = "slow", 2
    login(make_member())
    page = client.post(f"/translations/machine/post/{opening.id}", follow_redirects=True)
    assert "did not answer in time" in page.get_data(as_text=True)
    assert rows(db) == 0


def test_the_message_is_in_the_readers_language(
    client, login, db, make_member, machine_on, greek_thread
):
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member(locale="fr"))
    machine_on.mode = "fail"
    page = client.post(f"/translations/machine/post/{opening.id}", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Le service de traduction a refusé la demande." in text
    assert "Καλημέρα σε όλους." in text


def test_nothing_is_offered_or_sent_without_a_provider(
    client, login, db, make_member, fake_provider, greek_thread
):
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert BUTTON not in page
    assert client.post(f"/translations/machine/post/{opening.id}").status_code == 404
    assert fake_provider.requests == [] and rows(db) == 0


def test_no_button_on_a_text_in_the_readers_language(
    client, login, db, make_member, machine_on, greek_thread
):
    login(make_member(locale="el"))
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert "/translations/machine/" not in page


@pytest.mark.parametrize("state", ["is_hidden", "is_pending", "is_deleted"])
def test_a_hidden_posts_translation_is_never_asked_for_nor_shown(
    client, login, db, make_member, machine_on, greek_thread, state
):
    _opening, reply = machine_world.posts_of(greek_thread)
    moderator = make_member(role=Role.MODERATOR)
    login(moderator)
    client.post(f"/translations/machine/post/{reply.id}")
    assert rows(db) == 1
    setattr(reply, state, True)
    db.session.commit()
    assert client.post(f"/translations/machine/post/{reply.id}").status_code == 404
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert "ΡΩΤΉΣΤΕ" not in page
    assert len(machine_on.requests) == 1


def test_unknown_kinds_and_ids_are_not_found(client, login, make_member, machine_on):
    login(make_member())
    for url in ("/translations/machine/category/1", "/translations/machine/post/999999"):
        assert client.post(url).status_code == 404


def test_asking_is_rate_limited(
    app, client, login, db, make_member, machine_on, greek_thread, monkeypatch
):
    monkeypatch.setitem(app.config, "RATELIMIT_MACHINE_TRANSLATION", "2 per minute")
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    url = f"/translations/machine/post/{opening.id}"
    assert [client.post(url).status_code for _ in range(3)] == [302, 302, 429]


def test_the_whole_site_is_rate_limited_too(
    app, client, login, db, make_member, machine_on, greek_thread, monkeypatch
):
    monkeypatch.setitem(app.config, "RATELIMIT_MACHINE_TRANSLATION_SITE", "1 per minute")
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    url = f"/translations/machine/post/{opening.id}"
    assert [client.post(url).status_code for _ in range(2)] == [302, 429]


def test_the_admin_dashboard_names_the_provider_never_its_key(
    app, client, login, make_member, machine_on, monkeypatch
):
    monkeypatch.setitem(app.config, "MT_API_KEY", "very-secret-key")
    login(make_member(role=Role.ADMIN))
    page = client.get("/admin/").get_data(as_text=True)
    assert ">LibreTranslate</bdi>" in page and "very-secret-key" not in page
    monkeypatch.setitem(app.config, "MT_PROVIDER", "")
    assert "no provider is configured" in client.get("/admin/").get_data(as_text=True)


def test_a_thread_page_costs_the_same_queries_with_machine_translations_shown(
    client, login, db, make_member, machine_on, greek_thread, count_queries, no_page_cache
):
    from cop.extensions import cache

    opening, reply = machine_world.posts_of(greek_thread)
    login(make_member())
    url = f"/threads/{greek_thread.id}?page=1"

    def counted() -> int:
        client.get(url)
        cache.clear()
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    before = counted()
    for kind, object_id in (("post", opening.id), ("post", reply.id), ("thread", greek_thread.id)):
        assert client.post(f"/translations/machine/{kind}/{object_id}").status_code == 302
    assert counted() == before


def test_correcting_a_machine_translation_starts_a_members_from_its_words(
    client, login, db, make_member, machine_on, greek_thread
):
    """ "Correct this translation" opens the members' form filled with the machine's text;
    what the member publishes is theirs (a member translation), the machine's stays."""
    opening, _reply = machine_world.posts_of(greek_thread)
    login(make_member())
    client.post(f"/translations/machine/post/{opening.id}")
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    correct = f"/translations/post/{opening.id}/new?language=en&amp;start=machine"
    assert correct in page and "Correct this translation" in page
    form = client.get(correct.replace("&amp;", "&")).get_data(as_text=True)
    assert "[en] ΚΑΛΗΜΈΡΑ ΣΕ ΌΛΟΥΣ." in form  # the machine's words, ready to correct
    published = client.post(
        f"/translations/post/{opening.id}/new",
        data={"language": "en", "body": "Good morning, everyone."},
    )
    assert published.status_code == 302
    origins = db.session.scalars(
        select(ContentTranslation.origin).where(ContentTranslation.object_id == opening.id)
    ).all()
    assert sorted(origins) == ["machine", "member"]


def test_a_post_read_in_my_language_does_not_repeat_its_machine_translation_below(
    client, login, db, make_member, machine_on, greek_thread
):
    """Reading in my languages shows the machine's words in place of the Greek post; the
    box below the post would say it twice: it is left out (and the title's likewise)."""
    from cop.members.models import MemberLanguage

    opening, _reply = machine_world.posts_of(greek_thread)
    reader = make_member()
    login(reader)
    client.post(f"/translations/machine/post/{opening.id}")
    client.post(f"/translations/machine/thread/{greek_thread.id}")
    plain = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert plain.count(LABEL) == 2  # below the title and the post, the originals above
    db.session.add(MemberLanguage(member=reader, code="fr"))  # now they read in place
    db.session.commit()
    page = client.get(f"/threads/{greek_thread.id}?page=1").get_data(as_text=True)
    assert "Machine translation from" in page
    assert LABEL not in page
    assert page.count("[en] ΚΑΛΗΜΈΡΑ ΣΕ ΌΛΟΥΣ.") == 1
