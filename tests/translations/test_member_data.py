"""A member's translations in their data export, and after their account is closed."""

from __future__ import annotations

from sqlalchemy import select

from cop.members import services as members
from cop.members.contributions import export_parts
from cop.translations import services
from cop.translations.models import ContentTranslation, TranslationRevision
from cop.translations.sources import load_original


def test_translations_are_exported(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["author"], title=None, body="Better.", version=None
    )
    db.session.commit()
    mine = {part.name: part for part in export_parts(scene["translator"])}["translations"]
    assert mine.data["translations"][0]["translated_by_me"] is True
    assert mine.data["earlier_versions_i_wrote"][0]["markdown"] == "Write the statutes first."
    theirs = {part.name: part for part in export_parts(scene["author"])}["translations"]
    assert theirs.data["translations"][0]["markdown"] == "Better."
    assert "translations" not in {part.name for part in export_parts(scene["replier"])}


def test_a_closed_accounts_translations_stay_unsigned(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["author"], title=None, body="Better.", version=None
    )
    db.session.commit()
    translation_id = translation.id
    members.close_account(scene["translator"], delete_posts=True)
    db.session.commit()
    kept = db.session.get(ContentTranslation, translation_id)
    assert kept is not None and kept.translator_id is None
    assert kept.body_source == "Better."
    revision = db.session.scalar(select(TranslationRevision))
    assert revision.editor_id is None
