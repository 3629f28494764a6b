"""Who may do what with resources (the shared rules live in cop.permissions).

Anonymous visitors browse and download resources that are not removed; members share;
the sharer and moderators edit the metadata and add language versions; moderators
remove (softly: the rows and files stay) and restore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cop.permissions import is_member, is_moderator

if TYPE_CHECKING:
    from cop.resources.models import Resource


def can_see_resource(member: Any, resource: Resource) -> bool:
    return not resource.is_removed or is_moderator(member)


def can_share_resource(member: Any) -> bool:
    return is_member(member)


def can_edit_resource(member: Any, resource: Resource) -> bool:
    """The sharer edits and adds versions while the resource is up; moderators always."""
    if is_moderator(member):
        return True
    if resource.is_removed or not is_member(member):
        return False
    return resource.sharer_id is not None and resource.sharer_id == member.id


def can_remove_resource(member: Any, resource: Resource) -> bool:
    return is_moderator(member) and not resource.is_removed


def can_restore_resource(member: Any, resource: Resource) -> bool:
    return is_moderator(member) and resource.is_removed
