"""Who may do what with translations, through the real pages: every state-changing
route against every kind of reader."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.extensions import db as _db
from cop.translations.models import ContentTranslation

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
