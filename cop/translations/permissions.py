"""Who may do what with members' translations, asked of each translation on the server.

A translation lives where its original does: nobody reads, adds or changes one of an
original they may not see (a hidden or pending post's words never leak through a
translation's address). A hidden translation is seen by moderators and its translator,
as a hidden post is by moderators and its author. Members who may write translate; the
translator, the original's author and moderators improve or remove a translation
(moderators alone a hidden one).
"""

from __future__ import annotations

from typing import Any

from cop import permissions
from cop.translations.models import ContentTranslation
from cop.translations.sources import Original, can_see_original


def author_id_of(original: Original) -> int | None:
    """Who wrote the original: a post's or thread's author, a resource's sharer (a
    table's description is the admins': nobody in particular)."""
    if original.kind in ("post", "thread"):
        return original.obj.author_id
    if original.kind == "resource":
        return original.obj.sharer_id
    return None


def is_live(original: Original) -> bool:
    """Published and shown to everyone: only such originals are translated."""
    obj = original.obj
    if original.kind == "post":
        thread = obj.thread
        hidden = obj.is_hidden or obj.is_pending or obj.is_deleted
        return not (hidden or thread.is_hidden or thread.is_pending)
    if original.kind == "thread":
        return not (obj.is_hidden or obj.is_pending)
    if original.kind == "resource":
        return not obj.is_removed
    return True


def can_translate(member: Any, original: Original) -> bool:
    """Members who may write add translations of what everyone may read."""
    return (
        permissions.can_write(member)
        and can_see_original(member, original)
        and (is_live(original) or permissions.is_moderator(member))
        and bool((original.title or "").strip() or original.body.strip())
    )


def _is_own(member: Any, member_id: int | None) -> bool:
    return permissions.is_member(member) and member_id is not None and member_id == member.id


def can_see_translation(member: Any, translation: ContentTranslation, original: Original) -> bool:
    """Shown only where its original is; a hidden translation to moderators and its
    translator, who reads it marked hidden, as a hidden post's author does
    (`permissions.can_see_post`)."""
    if not can_see_original(member, original):
        return False
    if translation.is_hidden:
        return permissions.is_moderator(member) or _is_own(member, translation.translator_id)
    return True


def can_change_translation(
    member: Any, translation: ContentTranslation, original: Original
) -> bool:
    """Edit or remove: the translator, the original's author and moderators; a hidden
    translation, moderators only."""
    if translation.is_machine or not permissions.can_write(member):
        return False
    if not can_see_translation(member, translation, original):
        return False
    if permissions.is_moderator(member):
        return True
    if translation.is_hidden:  # seen by its translator, changed by moderators only (as a post)
        return False
    return _is_own(member, translation.translator_id) or _is_own(member, author_id_of(original))


def acts_as_moderator(member: Any, translation: ContentTranslation, original: Original) -> bool:
    """A moderator changing someone else's translation of someone else's text: the
    audit log keeps it."""
    return (
        permissions.is_moderator(member)
        and not _is_own(member, translation.translator_id)
        and not _is_own(member, author_id_of(original))
    )
