"""What happened to the forum's content, for the features that react to it.

Services send these signals after adding and flushing their change, inside the caller's
transaction. Receivers (the search index, notifications) add their own rows to the same
session, so everything commits or rolls back together. Receivers never commit and never
touch `request`; they must be cheap, since they run on every write.

Every signal's sender is the object concerned; keyword arguments are listed beside it.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Discussions
thread_started = _signals.signal("thread-started")  # sender: Thread; post, mentioned
post_created = _signals.signal("post-created")  # sender: Post (a reply); mentioned
post_edited = _signals.signal("post-edited")  # sender: Post; editor, mentioned
post_deleted = _signals.signal("post-deleted")  # sender: Post; actor
post_restored = _signals.signal("post-restored")  # sender: Post; actor
# A picture removed from what showed it (cop/threads/picture_uses.py, cop/conversations/
# picture_uses.py), its words and history rewritten without it, its row and files gone.
# sender: Post | Message; actor, picture_id, owner_id (its uploader's id), key, reason
picture_removed = _signals.signal("picture-removed")
# sender: Category; actor, change ("create", "edit", "archive", "unarchive", "up", "down")
category_changed = _signals.signal("category-changed")

# Moderation. Content awaiting approval is created with the signals above but is not
# visible yet: receivers check (post.is_pending, thread.is_pending) and act on
# content_approved instead.
# content_hidden, content_shown: sender Thread | Post | Resource; actor, reason
content_hidden = _signals.signal("content-hidden")
content_shown = _signals.signal("content-shown")
# content_approved, content_rejected: sender Thread | Post; actor, reason
content_approved = _signals.signal("content-approved")
content_rejected = _signals.signal("content-rejected")
thread_changed = _signals.signal("thread-changed")  # sender: Thread (moved, merged, split)
member_warned = _signals.signal("member-warned")  # sender: Member; actor, message
member_suspended = _signals.signal("member-suspended")  # sender: Member; actor, until, reason
member_banned = _signals.signal("member-banned")  # sender: Member; actor, reason

# Resource library
resource_shared = _signals.signal("resource-shared")  # sender: Resource
resource_updated = _signals.signal("resource-updated")  # sender: Resource; editor
resource_file_added = _signals.signal("resource-file-added")  # sender: ResourceFile; uploader
resource_removed = _signals.signal("resource-removed")  # sender: Resource; actor
resource_restored = _signals.signal("resource-restored")  # sender: Resource; actor

# Members
member_updated = _signals.signal("member-updated")  # sender: Member
member_closing = _signals.signal("member-closing")  # sender: Member, before it is deleted

# Events (workshops, webinars: cop/events). Receivers for the search index, the audit
# log, notices and calendars connect to these; cop/events imports none of them.
event_created = _signals.signal("event-created")  # sender: Event (a draft); actor
event_published = _signals.signal("event-published")  # sender: Event; actor, thread
# changes: frozenset of "time", "place", "link" (what registrants must hear of; empty
# for other edits: title, description, capacity...)
event_changed = _signals.signal("event-changed")  # sender: Event; actor, changes
event_cancelled = _signals.signal("event-cancelled")  # sender: Event; actor
# status and previous: RegistrationStatus values ("going", "waiting", "cancelled";
# previous None for a first registration). Not sent for promotions: member_promoted is.
registration_changed = _signals.signal("registration-changed")  # sender: EventRegistration
member_promoted = _signals.signal("member-promoted")  # sender: EventRegistration (now going)
attendance_marked = _signals.signal("attendance-marked")  # sender: Event; actor, count
# organiser_role_granted, organiser_role_revoked: sender Member; actor, country
organiser_role_granted = _signals.signal("organiser-role-granted")
organiser_role_revoked = _signals.signal("organiser-role-revoked")
# event_hidden, event_shown: sender Event; actor, reason. Moderators hiding an event
# (cop/moderation/content_actions.py), kept apart from content_hidden, whose receivers
# know threads, posts and resources only. Search drops or writes the event's row.
event_hidden = _signals.signal("event-hidden")
event_shown = _signals.signal("event-shown")
# An event's team and materials (cop/events/team.py), for the audit log:
# event_organiser_added / event_organiser_removed: sender Event; actor, member
event_organiser_added = _signals.signal("event-organiser-added")
event_organiser_removed = _signals.signal("event-organiser-removed")
# event_resource_linked / event_resource_unlinked: sender Event; actor, resource
event_resource_linked = _signals.signal("event-resource-linked")
event_resource_unlinked = _signals.signal("event-resource-unlinked")
# programme_saved: sender Programme; actor, created (bool)
programme_saved = _signals.signal("programme-saved")

# Event calendars (cop/events/calendars.py)
# sender: Member; first (True when the member had no private feed address before).
# The old address stops working at once: a receiver may tell the member by email.
calendar_address_renewed = _signals.signal("calendar-address-renewed")
# Private conversations (cop/conversations). Their rows are private: receivers (the
# notifications and email of a later lane, the moderation audit log) must never show a
# conversation to anyone but its active participants, and never index it for search.
# message_sent: sender Message (the first of a new conversation too); recipients, the
# active participants but its author (list[Member]); is_new_conversation (bool)
message_sent = _signals.signal("message-sent")
# participants_added: sender Conversation; actor (Member), added (list[Member])
participants_added = _signals.signal("participants-added")
# conversation_left: sender Conversation; member (Member)
conversation_left = _signals.signal("conversation-left")
# conversation_read: sender Conversation; member (Member), message_id (int: their mark
# moved up to it): notifications marks the member's notice of these messages read
conversation_read = _signals.signal("conversation-read")
# message_reported: sender ConversationReport; reporter (Member)
message_reported = _signals.signal("message-reported")
# conversation_viewed_by_moderator: sender Conversation; moderator (Member), report
# (ConversationReport, the open report that allowed it): for the audit log
conversation_viewed_by_moderator = _signals.signal("conversation-viewed-by-moderator")
# conversation_report_resolved: sender ConversationReport; moderator (Member)
conversation_report_resolved = _signals.signal("conversation-report-resolved")
# member_blocked / member_unblocked: sender Member (who blocks); blocked (Member),
# hide_posts (bool, blocked only)
member_blocked = _signals.signal("member-blocked")
member_unblocked = _signals.signal("member-unblocked")

# Verified email and the community's pages (cop.auth.confirm_views, cop.pages)
# sender: Member (new, flushed); accepted_policies (bool: they ticked the code of conduct
# and privacy notice on the registration form; cop.pages records the versions)
member_registered = _signals.signal("member-registered")
email_confirmation_sent = _signals.signal("email-confirmation-sent")  # sender: Member
email_confirmed = _signals.signal("email-confirmed")  # sender: Member
# sender: PageRevision (a new version of a page in one language); author, material
page_published = _signals.signal("page-published")
# sender: Member; slug, version (a code of conduct or privacy notice accepted)
policy_accepted = _signals.signal("policy-accepted")
# Reactions and answers (cop/reactions)
# post_reacted: sender Post; member (Member, who reacted), kind (str: "thanks", "helpful",
# "agree"). Sent once per new reaction: not for a second press, not for taking one back.
post_reacted = _signals.signal("post-reacted")
# answer_marked: sender Post (the reply now marked as the answer); thread, actor (Member)
answer_marked = _signals.signal("answer-marked")
# answer_unmarked: sender Thread (it has no answer now); post_id (int: the answer it had),
# actor (Member, or None when the system unmarks it: the post hidden, deleted, moved)
answer_unmarked = _signals.signal("answer-unmarked")
# Members' translations (cop/translations). Sent after the change is flushed, inside the
# caller's transaction (translation_removed before the row is deleted). Search indexes on
# added and edited alike; notices hear of added, the audit log of edited and removed.
# translation_added: sender ContentTranslation (a member's, new); original
# (cop.translations.sources.Original), translator (Member), author_id (int | None: who
# wrote the original)
translation_added = _signals.signal("translation-added")
# translation_edited, translation_removed: sender ContentTranslation; actor (Member),
# as_moderator (bool: a moderator changing someone else's translation of someone else's
# text, which the audit log keeps)
translation_edited = _signals.signal("translation-edited")
translation_removed = _signals.signal("translation-removed")
# translation_hidden / translation_shown: moderators (cop/moderation); actor, reason.
# A translation's original may be hidden, pending or deleted meanwhile: receivers check
# it (cop/translations/permissions.py).
translation_hidden = _signals.signal("translation-hidden")
translation_shown = _signals.signal("translation-shown")
