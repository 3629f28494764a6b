"""A translator is told, in their language, that moderators hid their translation and
why, as a post's author is; machine translations have no one to tell."""

from __future__ import annotations

from sqlalchemy import select

from cop.moderation import content_actions
from cop.notifications.models import Notification
from tests.translations import moderation_fixtures as fixtures

make_category = fixtures.make_category
make_resource = fixtures.make_resource
make_thread = fixtures.make_thread
moderator = fixtures.moderator
tr_scene = fixtures.tr_scene
translate = fixtures.translate


def test_the_translator_reads_that_their_translation_was_hidden_and_why(
    db, client, login, moderator, tr_scene, translate
):
    translation = translate(
        tr_scene["post"], "fr", translator=tr_scene["translator"], body="Une réponse"
    )
    content_actions.hide_content(translation, moderator=moderator, reason="Le sens est faux")
    db.session.commit()
    [notice] = db.session.scalars(
        select(Notification).where(Notification.recipient_id == tr_scene["translator"].id)
    ).all()
    assert (notice.kind, notice.target_type, notice.target_id) == (
        "moderation",
        "post",
        tr_scene["post"].id,
    )
    tr_scene["translator"].locale = "en"
    db.session.commit()
    login(tr_scene["translator"])
    page = client.get("/notifications/").get_data(as_text=True)
    assert "A moderator hid your translation of" in page
    assert tr_scene["thread"].title in page and "Le sens est faux" in page


def test_showing_again_or_a_machine_translation_tells_no_one(
    db, moderator, make_resource, tr_scene, translate
):
    machine = translate(make_resource(), "ar", origin="machine", provider="DeepL", body="نص")
    content_actions.hide_content(machine, moderator=moderator, reason="Wrong")
    db.session.commit()
    assert db.session.scalar(select(Notification.id)) is None
