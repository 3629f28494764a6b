"""Adding, improving and removing members' translations, straight through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cop.contentscopes import thread_scope
from cop.contentversion import ContentScope
from cop.moderation.models import ModerationEvent
from cop.threads import services as thread_services
from cop.translations import services
from cop.translations.models import ContentTranslation, TranslationRevision
from cop.translations.sources import load_original
from cop.versions import StaleEdit


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_post_translation_is_sanitized_like_a_post(db, scene):
    original = load_original("post", scene["reply"].id)
    body = "Write **the statutes** <script>alert(1)</script> [x](javascript:alert(1))"
    translation, created = services.add_translation(
        original, translator=scene["translator"], language="en", title="ignored", body=body
    )
    db.session.commit()
    assert created
    assert "<strong>the statutes</strong>" in translation.body_html
    assert "<script" not in translation.body_html
    assert 'href="javascript' not in translation.body_html
    assert translation.title is None
    assert translation.source_digest == original.digest
    assert translation.translator_id == scene["translator"].id


def test_a_table_description_stays_plain_text(db, make_category):
    table = make_category()
    original = load_original("category", table.id)
    translation, _ = services.add_translation(
        original, translator=None or _member(db), language="fr", title=None, body="**<b>x</b>**"
    )
    assert translation.body_html == "**&lt;b&gt;x&lt;/b&gt;**"


def _member(db):
    from cop.auth import services as auth

    member = auth.register_member(
        display_name="Plain", email="plain@example.org", password="correct horse battery",
        country="ES", locale="en", email_confirmed=True,
    )  # fmt: skip
    db.session.flush()
    return member


def test_one_member_translation_per_original_and_language(db, scene):
    original = load_original("thread", scene["thread"].id)
    first, created = services.add_translation(
        original, translator=scene["translator"], language="en", title="How to start", body=""
    )
    db.session.commit()
    second, created_again = services.add_translation(
        original, translator=scene["replier"], language="en", title="Another title", body=""
    )
    db.session.commit()
    assert created and not created_again
    assert second.id == first.id and second.title == "How to start"
    assert _count(db, ContentTranslation) == 1


def test_improving_keeps_the_earlier_version_and_catches_up_with_the_original(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    old_digest = translation.source_digest
    thread_services.edit_post(scene["reply"], editor=scene["replier"], body="Νέο κείμενο.")
    db.session.commit()
    original = load_original("post", scene["reply"].id)
    assert translation.source_digest != original.digest  # outdated
    changed = services.edit_translation(
        translation,
        original,
        editor=scene["author"],
        title=None,
        body="New words.",
        version=translation.version,
    )
    db.session.commit()
    assert changed
    revision = db.session.scalar(select(TranslationRevision))
    assert revision.body_source == "Write the statutes first."
    assert revision.source_digest == old_digest
    assert revision.editor_id == scene["translator"].id
    assert translation.source_digest == original.digest
    assert translation.last_editor_id == scene["author"].id


def test_a_stale_edit_writes_nothing(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    with pytest.raises(StaleEdit):
        services.edit_translation(
            translation, original, editor=scene["author"], title=None, body="x", version=99
        )
    db.session.rollback()
    assert _count(db, TranslationRevision) == 0


def test_unchanged_words_make_no_revision(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    changed = services.edit_translation(
        translation,
        original,
        editor=scene["translator"],
        title=None,
        body=translation.body_source,
        version=None,
    )
    assert not changed
    assert _count(db, TranslationRevision) == 0


def test_removing_takes_the_history_too(db, scene, translate):
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["author"], title=None, body="Better.", version=None
    )
    db.session.commit()
    services.remove_translation(translation, original, actor=scene["author"])
    db.session.commit()
    assert _count(db, ContentTranslation) == 0
    assert _count(db, TranslationRevision) == 0


def test_a_post_translation_moves_its_thread_version(db, scene, translate):
    scope = thread_scope(scene["thread"].id)
    before = db.session.get(ContentScope, scope).version
    translate("post", scene["reply"], scene["translator"])
    db.session.expire_all()
    assert db.session.get(ContentScope, scope).version == before + 1


def test_moderators_changes_are_audited_not_the_translators(db, scene, translate, people):
    moderator = people()["moderator"]
    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["translator"], title=None, body="Mine.", version=None
    )
    services.edit_translation(
        translation, original, editor=moderator, title=None, body="Fixed.", version=None,
        as_moderator=True,
    )  # fmt: skip
    services.remove_translation(translation, original, actor=moderator, as_moderator=True)
    db.session.commit()
    actions = db.session.scalars(select(ModerationEvent.action).order_by(ModerationEvent.id))
    assert list(actions) == ["edit_translation", "remove_translation"]


def test_the_posts_author_hears_once_of_a_new_translation(db, scene, translate):
    from cop.notifications.models import Notification

    translation = translate("post", scene["reply"], scene["translator"])
    original = load_original("post", scene["reply"].id)
    services.edit_translation(
        translation, original, editor=scene["author"], title=None, body="Better.", version=None
    )
    translate("post", scene["reply"], scene["replier"], language="fr", body="Le sien.")
    db.session.commit()
    notices = db.session.scalars(select(Notification).where(Notification.kind == "translation"))
    assert [(n.recipient_id, n.payload["language"]) for n in notices] == [
        (scene["replier"].id, "en")
    ]


def test_two_members_adding_the_same_language_at_once_write_one(db, scene, monkeypatch):
    """The second's look found nothing (the first had not committed): its insert meets
    the first's row and gives it back, nothing written twice."""
    original = load_original("post", scene["reply"].id)
    first, created = services.add_translation(
        original, translator=scene["translator"], language="en", title=None, body="First."
    )
    db.session.commit()
    real, looks = services.member_translation, []

    def look(*args):
        looks.append(args)
        return None if len(looks) == 1 else real(*args)

    monkeypatch.setattr(services, "member_translation", look)
    second, created_again = services.add_translation(
        original, translator=scene["author"], language="en", title=None, body="Second."
    )
    db.session.commit()
    assert created and not created_again and len(looks) == 2
    assert second.id == first.id and second.body_source == "First."
    assert db.session.query(ContentTranslation).count() == 1
