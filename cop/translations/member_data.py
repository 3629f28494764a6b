"""A member's translations, as the members package exports and closes them.

Registered in cop.translations.init_app (see cop.members.contributions). The export
holds the translations the member made or last improved, with the earlier versions they
wrote. Closing an account keeps its translations for the readers who rely on them,
without its name: translator and editor become "former member".
"""

from __future__ import annotations

from sqlalchemy import or_, select, update

from cop.contentscopes import FAMILY_OF_TRANSLATED_KIND
from cop.contentversion import note_changed
from cop.extensions import db
from cop.members.contributions import (
    ExportPart,
    iso,
    register_closing_step,
    register_export_part,
)
from cop.members.models import Member
from cop.translations.models import MEMBER, ContentTranslation, TranslationRevision


def register() -> None:
    register_export_part("translations", translations_part, order=28)
    register_closing_step(close_member)


def translations_part(member: Member) -> ExportPart | None:
    rows = db.session.scalars(
        select(ContentTranslation)
        .where(
            ContentTranslation.origin == MEMBER,
            or_(
                ContentTranslation.translator_id == member.id,
                ContentTranslation.last_editor_id == member.id,
            ),
        )
        .order_by(ContentTranslation.id)
    ).all()
    earlier = db.session.scalars(
        select(TranslationRevision)
        .where(TranslationRevision.editor_id == member.id)
        .order_by(TranslationRevision.id)
    ).all()
    if not rows and not earlier:
        return None
    data = {
        "translations": [
            {
                "id": t.id,
                "of": t.kind,
                "original_id": t.object_id,
                "language": t.language,
                "title": t.title,
                "markdown": t.body_source,
                "translated_by_me": t.translator_id == member.id,
                "created_at": iso(t.created_at),
                "edited_at": iso(t.edited_at),
            }
            for t in rows
        ],
        "earlier_versions_i_wrote": [
            {
                "translation_id": r.translation_id,
                "title": r.title,
                "markdown": r.body_source,
                "written_at": iso(r.created_at),
            }
            for r in earlier
        ],
    }
    return ExportPart("translations", data)


def close_member(member: Member, *, delete_posts: bool) -> None:
    """Their translations stay, signed by a former member."""
    kinds = set(
        db.session.scalars(
            select(ContentTranslation.kind)
            .where(
                or_(
                    ContentTranslation.translator_id == member.id,
                    ContentTranslation.last_editor_id == member.id,
                )
            )
            .distinct()
        )
    )
    options = {"synchronize_session": False}
    for column in (ContentTranslation.translator_id, ContentTranslation.last_editor_id):
        db.session.execute(
            update(ContentTranslation).where(column == member.id).values({column.key: None}),
            execution_options=options,
        )
    db.session.execute(
        update(TranslationRevision)
        .where(TranslationRevision.editor_id == member.id)
        .values(editor_id=None),
        execution_options=options,
    )
    if kinds:
        note_changed(db.session, *sorted({FAMILY_OF_TRANSLATED_KIND[k] for k in kinds}))
