"""Who may do what with translations, through the real pages: every state-changing
route against every kind of reader, and who reads a hidden translation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.extensions import db as _db
from cop.translations.models import ContentTranslation
from cop.translations.permissions import can_see_translation
from cop.translations.sources import load_original

ACTORS = (
    "anonymous",
    "member",
    "translator",
    "author",
    "moderator",
    "admin",
    "suspended",
    "unconfirmed",
)
EXPECTED = {
    "add": {"member", "translator", "author", "moderator", "admin"},
    "edit": {"translator", "author", "moderator", "admin"},
    "remove": {"translator", "author", "moderator", "admin"},
    "read": set(ACTORS),  # a translation is read wherever its original is
}


def _act_as(actor, scene, people, login):
    if actor == "anonymous":
        return None
    if actor in ("translator", "author"):
        member = scene["translator"] if actor == "translator" else scene["replier"]
    else:
        member = people()[actor]
    login(member)
    return member


def _do(action, client, scene, translation):
    if action == "add":
        return client.post(
            f"/translations/post/{scene['reply'].id}/new",
            data={"language": "fr", "body": "Écrivez d'abord les statuts."},
        )
    if action == "edit":
        return client.post(
            f"/translations/{translation.id}/edit",
            data={"body": "Write the statutes first, please.", "version": translation.version},
        )
    if action == "remove":
        return client.post(f"/translations/{translation.id}/remove", data={"confirmed": "1"})
    return client.get(f"/translations/{translation.id}")


def _allowed(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (200, 302) and "/auth/sign-in" not in location


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_permission_matrix(client, login, scene, people, translate, actor, action):
    translation = translate("post", scene["reply"], scene["translator"])
    _act_as(actor, scene, people, login)
    response = _do(action, client, scene, translation)
    assert response.status_code != 500
    assert _allowed(response) == (actor in EXPECTED[action]), response.status_code
    count = _db.session.scalar(select(func.count(ContentTranslation.id)))
    if action == "add":
        assert count == (2 if actor in EXPECTED["add"] else 1)
    if action == "remove":
        assert count == (0 if actor in EXPECTED["remove"] else 1)


# A hidden translation: seen by moderators and its translator (marked hidden, as a hidden
# post is by its author), changed by moderators only; nobody else, not even the
# original's author, reads it, by its page, its history or the report form.
HIDDEN_SEEN_BY = {"translator", "moderator"}
HIDDEN_EDIT = {"anonymous": 302, "member": 404, "author": 404, "translator": 403, "moderator": 200}
HIDDEN_REPORT = {
    "anonymous": 302,
    "member": 404,
    "author": 404,
    "translator": 403,
    "moderator": 200,
}


@pytest.mark.parametrize("actor", sorted(HIDDEN_EDIT))
def test_a_hidden_translation_is_seen_by_its_translator_and_moderators_only(
    client, login, scene, people, translate, actor
):
    translation = translate("post", scene["reply"], scene["translator"], body="Hidden words")
    translation.is_hidden = True
    _db.session.commit()
    member = _act_as(actor, scene, people, login)
    sees = actor in HIDDEN_SEEN_BY
    original = load_original("post", scene["reply"].id)
    assert can_see_translation(member, translation, original) == sees
    for path in ("", "/history"):
        response = client.get(f"/translations/{translation.id}{path}")
        assert response.status_code == (200 if sees else 404), path
    page = client.get(f"/translations/{translation.id}").get_data(as_text=True)
    assert ("Hidden words" in page) == sees
    assert ("This translation is hidden from members." in page) == sees
    edit = client.get(f"/translations/{translation.id}/edit")
    assert edit.status_code == HIDDEN_EDIT[actor]
    report = client.get(f"/moderation/report/translation/{translation.id}")
    assert report.status_code == HIDDEN_REPORT[actor]  # the translator's own: seen, not reported


def test_the_translator_asking_to_add_their_hidden_language_is_shown_their_translation(
    client, login, scene, translate
):
    translation = translate("post", scene["reply"], scene["translator"], body="Hidden words")
    translation.is_hidden = True
    _db.session.commit()
    login(scene["translator"])
    response = client.get(f"/translations/post/{scene['reply'].id}/new?language=en")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/translations/{translation.id}")
    again = client.post(
        f"/translations/post/{scene['reply'].id}/new", data={"language": "en", "body": "New"}
    )
    assert again.status_code == 409 and "Hidden words" in again.get_data(as_text=True)
