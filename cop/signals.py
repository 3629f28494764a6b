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

# Verified email and the community's pages (cop.auth.confirm_views, cop.pages)
email_confirmation_sent = _signals.signal("email-confirmation-sent")  # sender: Member
email_confirmed = _signals.signal("email-confirmed")  # sender: Member
# sender: PageRevision (a new version of a page in one language); author, material
page_published = _signals.signal("page-published")
# sender: Member; slug, version (a code of conduct or privacy notice accepted)
policy_accepted = _signals.signal("policy-accepted")
