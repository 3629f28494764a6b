"""Reporting a translation, the queue showing it beside its original, hiding it from the
queue or its moderation page, showing it again: like a post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import g
from sqlalchemy import func, select

from cop.contentscopes import thread_scope
from cop.contentversion import version_of
from cop.members.models import Role
from cop.moderation import content_actions, reports, sanctions
from cop.moderation.models import ModerationEvent, Report, ReportState
from cop.translations.permissions import can_see_translation
from cop.translations.sources import load_original
from tests.corpora import naughty_sample
from tests.translations import moderation_fixtures as fixtures

# The fixtures this module uses (tests/translations/moderation_fixtures.py).
make_category = fixtures.make_category
make_resource = fixtures.make_resource
make_thread = fixtures.make_thread
moderator = fixtures.moderator
tr_scene = fixtures.tr_scene
translate = fixtures.translate


@pytest.fixture
def french(tr_scene, translate):
    return translate(
        tr_scene["post"],
        "fr",
        translator=tr_scene["translator"],
        body="Une traduction **française** de la réponse",
    )


@pytest.fixture
def login_as(client, login):
    def switch(member):
        client.post("/auth/sign-out")
        return login(member)

    return switch


def _sees(member, translation) -> bool:
    original = load_original(translation.kind, translation.object_id)
    return original is not None and can_see_translation(member, translation, original)


def _reports(db) -> list[Report]:
    db.session.expire_all()
    return list(db.session.scalars(select(Report)))


# Reporting


def test_a_member_reports_a_translation_with_its_context(
    client, login_as, make_member, tr_scene, french, db
):
    login_as(make_member())
    page = client.get(f"/moderation/report/translation/{french.id}").get_data(as_text=True)
    assert "Farid Translator" in page and "française" in page
    assert tr_scene["thread"].title in page
    response = client.post(
        f"/moderation/report/translation/{french.id}",
        data={"reason": "wrong_information", "note": "Le sens est inversé"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/threads/posts/{tr_scene['post'].id}") or (
        str(tr_scene["post"].id) in response.headers["Location"]
    )
    [report] = _reports(db)
    assert (report.target_type, report.target_id) == ("translation", french.id)
    assert report.author_id == tr_scene["translator"].id
    assert report.language == "fr"
    assert report.category_id == tr_scene["thread"].category_id
    assert report.target_label.startswith("Une traduction")


def test_the_report_form_goes_back_to_the_page_it_came_from(client, login_as, make_member, french):
    login_as(make_member())
    url = f"/moderation/report/translation/{french.id}?next=/translations/{french.id}"
    response = client.post(url, data={"reason": "spam"})
    assert response.headers["Location"].endswith(f"/translations/{french.id}")
    url = f"/moderation/report/translation/{french.id}?next=https://evil.example/"
    assert "evil" not in client.post(url, data={"reason": "spam"}).headers["Location"]


def test_a_second_report_by_the_same_member_is_refused_kindly(
    client, login_as, make_member, french, db
):
    login_as(make_member())
    url = f"/moderation/report/translation/{french.id}"
    client.post(url, data={"reason": "spam"})
    response = client.post(url, data={"reason": "abuse"}, follow_redirects=True)
    assert "You have reported this already" in response.get_data(as_text=True)
    assert len(_reports(db)) == 1


def test_translators_do_not_report_their_own_translation(client, login_as, tr_scene, french):
    login_as(tr_scene["translator"])
    assert client.get(f"/moderation/report/translation/{french.id}").status_code == 403


def test_a_bad_reason_is_refused_with_the_note_kept(client, login_as, make_member, french, db):
    login_as(make_member())
    response = client.post(
        f"/moderation/report/translation/{french.id}", data={"reason": "boring", "note": "Kept"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose one of the reasons." in page and "Kept" in page
    assert _reports(db) == []


def test_hidden_translations_and_translations_of_hidden_posts_cannot_be_reported(
    client, login_as, make_member, moderator, tr_scene, french, translate, db
):
    login_as(make_member())
    content_actions.hide_content(french, moderator=moderator, reason="Not a translation")
    db.session.commit()
    assert client.get(f"/moderation/report/translation/{french.id}").status_code == 404
    greek = translate(tr_scene["post"], "el", translator=tr_scene["translator"], body="Ελληνικά")
    content_actions.hide_content(tr_scene["post"], moderator=moderator, reason="Off topic")
    db.session.commit()
    assert client.get(f"/moderation/report/translation/{greek.id}").status_code == 404
    assert client.get("/moderation/report/translation/999999").status_code == 404


@pytest.mark.parametrize("note", naughty_sample(40))
def test_naughty_report_notes_are_stored_and_shown_escaped(
    note, client, login_as, make_member, french, db
):
    login_as(make_member())
    client.post(
        f"/moderation/report/translation/{french.id}", data={"reason": "other", "note": note}
    )
    assert db.session.scalar(select(Report.note)) == note.strip()
    login_as(make_member(role=Role.MODERATOR))
    response = client.get("/moderation/?kind=translation")
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


# The queue


def test_the_queue_shows_a_translation_with_its_original_language_and_translator(
    client, login_as, make_member, moderator, tr_scene, french, db
):
    reports.report_content(french, reporter=make_member(), reason="spam")
    db.session.commit()
    login_as(moderator)
    page = client.get("/moderation/?kind=translation&language=fr").get_data(as_text=True)
    assert "Une traduction" in page
    assert f"/threads/posts/{tr_scene['post'].id}" in page or str(tr_scene["post"].id) in page
    assert "Farid Translator" in page
    assert "Translation into French by" in page
    other = client.get("/moderation/?kind=post").get_data(as_text=True)
    assert "Une traduction" not in other


def test_hiding_from_the_queue_hides_the_translation_and_closes_its_reports(
    client, login_as, make_member, moderator, tr_scene, french, db
):
    first = reports.report_content(french, reporter=make_member(), reason="spam")
    reports.report_content(french, reporter=make_member(), reason="abuse")
    db.session.commit()
    login_as(moderator)
    response = client.post(
        f"/moderation/reports/{first.id}/resolve",
        data={"action": "hide", "note": "Machine gibberish"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert french.is_hidden and french.moderation_reason == "Machine gibberish"
    assert {r.state for r in _reports(db)} == {ReportState.RESOLVED}
    actions = db.session.scalars(select(ModerationEvent.action)).all()
    assert "hide_translation" in actions


def test_warning_from_the_queue_reaches_the_translator(
    client, login_as, make_member, moderator, tr_scene, french, db
):
    report = reports.report_content(french, reporter=make_member(), reason="abuse")
    db.session.commit()
    login_as(moderator)
    client.post(
        f"/moderation/reports/{report.id}/resolve", data={"action": "warn", "note": "Be kind"}
    )
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "warn_member")
    )
    assert event.target_id == tr_scene["translator"].id


# Hiding and showing from the moderation page


def test_a_moderator_hides_and_shows_a_translation_with_the_audit_log(
    client, login_as, moderator, french, db
):
    login_as(moderator)
    page = client.get(f"/moderation/translation/{french.id}")
    assert page.status_code == 200 and "Une traduction" in page.get_data(as_text=True)
    refused = client.post(f"/moderation/translation/{french.id}/hide", data={"reason": ""})
    assert refused.status_code == 422
    assert "Give a reason" in refused.get_data(as_text=True)
    client.post(f"/moderation/translation/{french.id}/hide", data={"reason": "Wrong meaning"})
    db.session.expire_all()
    assert french.is_hidden
    client.post(f"/moderation/translation/{french.id}/unhide", data={"reason": "Fixed"})
    db.session.expire_all()
    assert not french.is_hidden and french.moderation_reason is None
    log = client.get("/moderation/log?target=translation").get_data(as_text=True)
    assert "Hid a translation" in log and "Showed a translation again" in log


def test_a_hidden_translation_is_seen_by_moderators_and_its_translator_only(
    make_member, moderator, tr_scene, french, db
):
    assert content_actions.hide_content(french, moderator=moderator, reason="Spam")
    assert not content_actions.hide_content(french, moderator=moderator, reason="Again")
    db.session.commit()
    assert _sees(moderator, french)
    assert _sees(tr_scene["translator"], french)
    assert not _sees(make_member(), french)
    assert not _sees(None, french)
    assert content_actions.show_content(french, moderator=moderator)
    assert not content_actions.show_content(french, moderator=moderator)
    assert _sees(None, french)


def test_a_translation_is_not_seen_where_its_original_is_not(
    make_member, moderator, tr_scene, french, db
):
    content_actions.hide_content(tr_scene["thread"], moderator=moderator, reason="Spam")
    db.session.commit()
    assert not _sees(make_member(), french)
    assert not _sees(tr_scene["translator"], french)
    assert _sees(moderator, french)


def _versions(*scopes: str) -> tuple[int, ...]:
    g.pop("cop_versions", None)  # read afresh, not this context's first reading
    return version_of(*scopes)


def test_hiding_a_translation_renews_the_pages_of_its_thread(moderator, tr_scene, french, db):
    scope = thread_scope(tr_scene["thread"].id)
    before = _versions("threads", scope)
    content_actions.hide_content(french, moderator=moderator, reason="Spam")
    db.session.commit()
    middle = _versions("threads", scope)
    assert all(after > earlier for after, earlier in zip(middle, before, strict=True))
    content_actions.show_content(french, moderator=moderator)
    db.session.commit()
    assert all(a > b for a, b in zip(_versions("threads", scope), middle, strict=True))


def test_a_thread_title_translation_is_hidden_with_a_resource_and_a_machine_one(
    make_member, make_resource, moderator, tr_scene, translate, db
):
    title = translate(tr_scene["thread"], "es", translator=tr_scene["translator"], title="Hola")
    resource = make_resource()
    machine = translate(resource, "ar", origin="machine", provider="DeepL", body="نص")
    for translation in (title, machine):
        assert content_actions.hide_content(translation, moderator=moderator, reason="No")
    db.session.commit()
    labels = db.session.scalars(
        select(ModerationEvent.target_label).where(ModerationEvent.action == "hide_translation")
    ).all()
    assert sorted(labels) == ["Hola", "نص"]
    assert db.session.scalar(select(func.count(ModerationEvent.id))) == 2


def test_the_moderation_page_names_a_machine_translation_and_a_gone_original(
    client, login_as, moderator, make_resource, translate, db
):
    resource = make_resource(title="Guide")
    machine = translate(resource, "ar", origin="machine", provider="DeepL", body="نص")
    login_as(moderator)
    page = client.get(f"/moderation/translation/{machine.id}").get_data(as_text=True)
    assert "Machine translation into Arabic by" in page and "DeepL" in page
    assert "Guide" in page


# Who may do what


ROUTES = {
    "report_form": ("GET", "/moderation/report/translation/{id}"),
    "report": ("POST", "/moderation/report/translation/{id}"),
    "page": ("GET", "/moderation/translation/{id}"),
    "hide": ("POST", "/moderation/translation/{id}/hide"),
    "unhide": ("POST", "/moderation/translation/{id}/unhide"),
}
ALLOWED = {
    "anonymous": set(),
    "member": {"report_form", "report"},
    "translator": set(),
    "moderator": {"report_form", "report", "page", "hide", "unhide"},
    "admin": {"report_form", "report", "page", "hide", "unhide"},
    "suspended": set(),
}


@pytest.mark.parametrize("actor", list(ALLOWED))
@pytest.mark.parametrize("route", list(ROUTES))
def test_permission_matrix(
    actor, route, client, login_as, make_member, moderator, tr_scene, french, db
):
    member = None
    if actor == "translator":
        member = tr_scene["translator"]
    elif actor in ("member", "suspended"):
        member = make_member()
    elif actor in ("moderator", "admin"):
        member = make_member(role=Role.MODERATOR if actor == "moderator" else Role.ADMIN)
    if actor == "suspended":
        until = datetime.now(UTC) + timedelta(days=3)
        sanctions.suspend_member(member, moderator=moderator, until=until, reason="Cool down")
        db.session.commit()
    if member is not None:
        login_as(member)
    if route == "unhide":
        content_actions.hide_content(french, moderator=moderator, reason="Spam")
        db.session.commit()
    method, path = ROUTES[route]
    data = {"reason": "spam"} if route == "report" else {"reason": "A reason"}
    response = client.open(path.format(id=french.id), method=method, data=data)
    if route in ALLOWED[actor]:
        assert response.status_code in (200, 302), (actor, route, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (actor, route, response.status_code)
        if actor == "anonymous":
            assert response.status_code == 302 and "sign-in" in response.headers["Location"]
    db.session.expire_all()
    changed = {
        "report": len(_reports(db)) == 1,
        "hide": french.is_hidden,
        "unhide": not french.is_hidden,
    }
    if route in changed:
        assert changed[route] == (route in ALLOWED[actor])


@pytest.mark.parametrize("reason", naughty_sample(60))
def test_naughty_hide_reasons_are_kept_and_shown_escaped(
    reason, client, login_as, moderator, tr_scene, french, db
):
    login_as(moderator)
    response = client.post(f"/moderation/translation/{french.id}/hide", data={"reason": reason})
    assert response.status_code == 302
    db.session.expire_all()
    assert french.is_hidden and french.moderation_reason == reason.strip()[:2000]
    log = client.get("/moderation/log?target=translation")
    assert log.status_code == 200 and "<script>alert" not in log.get_data(as_text=True)
