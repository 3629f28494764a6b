"""Who may do what, asked of each object on the server (menus only mirror these).

Every function takes the member (or an anonymous user, or None) first and the object
second, and answers True or False. Views abort with 403 or 404 on False.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from flask import abort, current_app
from flask_login import current_user

if TYPE_CHECKING:
    from cop.pictures.models import Picture
    from cop.resources.models import Resource
    from cop.threads.models import Category, Post, Thread


def is_member(member: Any) -> bool:
    return bool(member is not None and getattr(member, "is_authenticated", False))


def is_moderator(member: Any) -> bool:
    return is_member(member) and bool(getattr(member, "is_moderator", False))


def is_admin(member: Any) -> bool:
    return is_member(member) and bool(getattr(member, "is_admin", False))


def _is_author(member: Any, post: Post | Thread) -> bool:
    return is_member(member) and post.author_id is not None and post.author_id == member.id


def is_banned(member: Any) -> bool:
    restriction = getattr(member, "restriction", None)
    return bool(restriction is not None and restriction.is_banned)


def is_unconfirmed(member: Any) -> bool:
    """Signed in, but the email address is not confirmed yet (cop.auth.confirm_views)."""
    return is_member(member) and not getattr(member, "is_email_confirmed", True)


def can_write(member: Any) -> bool:
    """Signed in with a confirmed address, not suspended and not banned (cop.moderation):
    every write path asks."""
    if not is_member(member) or is_unconfirmed(member):
        return False
    restriction = getattr(member, "restriction", None)
    if restriction is None:
        return True
    return not restriction.is_banned and not restriction.is_suspended


# Discussion tables


def can_manage_categories(member: Any) -> bool:
    return can_administer(member)


def can_start_thread(member: Any, category: Category) -> bool:
    if not can_write(member):
        return False
    return not category.is_archived or is_moderator(member)


# Threads


def can_see_thread(member: Any, thread: Thread) -> bool:
    """Hidden and pending threads: moderators, and their author (who sees why)."""
    if thread.merged_into_id is not None:
        return is_moderator(member)
    if thread.is_hidden or thread.is_pending:
        return is_moderator(member) or _is_author(member, thread)
    return True


def can_reply(member: Any, thread: Thread) -> bool:
    """Members reply to open threads; moderators may also answer in locked ones."""
    if not can_write(member) or not can_see_thread(member, thread):
        return False
    if is_moderator(member):
        return True
    if thread.is_hidden or thread.is_pending:
        return False
    return not thread.is_locked and not thread.category.is_archived


# Posts


def can_see_post(member: Any, post: Post) -> bool:
    """Whether the post's words may be shown (deleted and hidden ones only to moderators)."""
    if not can_see_thread(member, post.thread):
        return False
    if post.is_deleted:
        return is_moderator(member)
    if post.is_hidden or post.is_pending:
        return is_moderator(member) or _is_author(member, post)
    return True


def can_edit_post(member: Any, post: Post) -> bool:
    """Authors edit their own posts while the thread is open; moderators edit any."""
    if not can_write(member) or not can_see_post(member, post) or post.is_deleted:
        return False
    if is_moderator(member):
        return True
    return _is_author(member, post) and not post.thread.is_locked and not post.is_hidden


def can_delete_post(member: Any, post: Post) -> bool:
    """Replies can be deleted by their author or a moderator; the opening post stays
    (a whole thread is hidden through moderation instead)."""
    if post.is_deleted or post.is_opening or not can_see_post(member, post):
        return False
    if not can_write(member):
        return False
    if is_moderator(member):
        return True
    return _is_author(member, post) and not post.thread.is_locked


def can_restore_post(member: Any, post: Post) -> bool:
    return post.is_deleted and can_moderate(member) and can_see_thread(member, post.thread)


def can_see_history(member: Any, post: Post) -> bool:
    return can_see_post(member, post)


def _hidden(post: Post) -> bool:
    return post.is_hidden or post.thread.is_hidden


def can_remove_post_pictures(member: Any, post: Post) -> bool:
    """Whether the post's pictures page is theirs: its author (who uploaded its
    pictures) or a moderator, while they may write and see the post."""
    if not can_write(member) or not can_see_post(member, post):
        return False
    return is_moderator(member) or (_is_author(member, post) and not _hidden(post))


def can_remove_post_picture(member: Any, post: Post, picture: Picture) -> bool:
    """A picture in a post: its uploader removes it even from a locked thread (it is
    their upload), moderators any, while they may write and see the post. A hidden post
    is the moderators' to change, as for editing it."""
    if not can_write(member) or not can_see_post(member, post):
        return False
    if is_moderator(member):
        return True
    owns = picture.owner_id is not None and picture.owner_id == member.id
    return owns and not _hidden(post)


# Decorators: every staff route wears one. Visitors are sent to sign in; members,
# and staff who may not write (suspended or banned), get 403. `staff_role` marks the
# view so the permission matrix test can find every staff route.


def _staff_only(role: str, allowed):
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        wrapped.staff_role = role
        return wrapped

    return decorate


def can_administer(member: Any) -> bool:
    return is_admin(member) and can_write(member)


def moderator_required(view):
    """Moderators and admins who may write (a suspended moderator may not)."""
    return _staff_only("moderator", can_moderate)(view)


def admin_required(view):
    """Admins who may write (a suspended admin may not)."""
    return _staff_only("admin", can_administer)(view)


# Resources: anonymous visitors browse and download those not removed; members share;
# the sharer and moderators edit the metadata and add language versions; moderators
# remove (softly: rows and files stay) and restore.


def can_see_resource(member: Any, resource: Resource) -> bool:
    return not resource.is_removed or is_moderator(member)


def can_share_resource(member: Any) -> bool:
    return can_write(member)


def can_edit_resource(member: Any, resource: Resource) -> bool:
    """The sharer edits and adds versions while the resource is up; moderators always."""
    if not can_write(member):
        return False
    if is_moderator(member):
        return True
    if resource.is_removed or not is_member(member):
        return False
    return resource.sharer_id is not None and resource.sharer_id == member.id


def can_remove_resource(member: Any, resource: Resource) -> bool:
    return can_moderate(member) and not resource.is_removed


def can_restore_resource(member: Any, resource: Resource) -> bool:
    return can_moderate(member) and resource.is_removed


# Moderation: reports by members who may write; the rest is for moderators and admins.


def can_report(member: Any) -> bool:
    return can_write(member)


def can_moderate(member: Any) -> bool:
    return is_moderator(member) and can_write(member)


def can_edit_profile(member: Any, profile: Any, *, writing: bool = True) -> bool:
    """Members edit their own profile, admins anyone's; writing needs can_write."""
    if not is_member(member) or (writing and not can_write(member)):
        return False
    return profile.id == member.id or is_admin(member)
