"""What the audit log's action and target codes say to a reader, in their language.

The log stores codes ("hide_post"), so it reads the same whatever language the
moderator used; this module names them on the way out. A code missing here (a new
verb) is shown as the code itself, never as an error.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "hide_post": _l("Hid a post"),
    "hide_thread": _l("Hid a thread"),
    "hide_resource": _l("Hid a resource"),
    "unhide_post": _l("Showed a post again"),
    "unhide_thread": _l("Showed a thread again"),
    "unhide_resource": _l("Showed a resource again"),
    "hide_translation": _l("Hid a translation"),
    "unhide_translation": _l("Showed a translation again"),
    "hide_event": _l("Hid an event"),
    "unhide_event": _l("Showed an event again"),
    "create_event": _l("Created an event"),
    "publish_event": _l("Published an event"),
    "edit_event": _l("Edited an event"),
    "cancel_event": _l("Cancelled an event"),
    "mark_attendance": _l("Marked the attendance of an event"),
    "grant_organiser_role": _l("Made a member an organiser"),
    "revoke_organiser_role": _l("Removed a member's organiser role"),
    "approve_post": _l("Approved a post"),
    "approve_thread": _l("Approved a thread"),
    "reject_post": _l("Did not approve a post"),
    "reject_thread": _l("Did not approve a thread"),
    "lock_thread": _l("Locked a thread"),
    "unlock_thread": _l("Unlocked a thread"),
    "pin_thread": _l("Pinned a thread"),
    "unpin_thread": _l("Unpinned a thread"),
    "pin_globally_thread": _l("Pinned a thread on the home page"),
    "unpin_globally_thread": _l("Unpinned a thread from the home page"),
    "move_thread": _l("Moved a thread"),
    "merge_thread": _l("Merged a thread"),
    "split_thread": _l("Split a thread"),
    "unmerge_thread": _l("Undid a merge"),
    "unsplit_thread": _l("Undid a split"),
    "edit_post": _l("Edited a post"),
    "delete_post": _l("Deleted a post"),
    "restore_post": _l("Restored a post"),
    "remove_picture": _l("Removed a picture from a post"),
    "mark_answer": _l("Marked a reply as the answer"),
    "unmark_answer": _l("Took back the answer of a thread"),
    # Members' translations (cop/moderation/translation_audit.py)
    "edit_translation": _l("Edited a translation"),
    "remove_translation": _l("Removed a translation"),
    # An event's team and materials, programmes (cop/moderation/event_team_audit.py)
    "add_event_organiser": _l("Added an organiser to an event"),
    "remove_event_organiser": _l("Removed an organiser from an event"),
    "link_event_resource": _l("Linked a resource to an event"),
    "unlink_event_resource": _l("Unlinked a resource from an event"),
    "create_programme": _l("Created a programme"),
    "edit_programme": _l("Edited a programme"),
    "report_resolved": _l("Resolved a report"),
    "report_dismissed": _l("Dismissed a report"),
    "warn_member": _l("Warned a member"),
    "suspend_member": _l("Suspended a member"),
    "lift_suspension": _l("Lifted a suspension"),
    "ban_member": _l("Banned a member"),
    "lift_ban": _l("Lifted a ban"),
    "change_role": _l("Changed a role"),
    "update_settings": _l("Changed the site settings"),
    "create_category": _l("Created a table"),
    "edit_category": _l("Edited a table"),
    "archive_category": _l("Archived a table"),
    "unarchive_category": _l("Unarchived a table"),
    "up_category": _l("Moved a table up"),
    "down_category": _l("Moved a table down"),
}

TARGETS = {
    "post": _l("Post"),
    "thread": _l("Thread"),
    "resource": _l("Resource"),
    "event": _l("Event"),
    "member": _l("Member"),
    "report": _l("Moderation report"),
    "category": _l("Table"),
    "site": _l("Site settings"),
    "programme": _l("Programme"),
    "translation": _l("Translation"),
}


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def target_label(code: str | None) -> str:
    return str(TARGETS.get(code or "", code or ""))
